package com.inspireworks.ivr.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FormEncodingTest {

    @Test
    void decodesEscapesPlusAndMultiByteCharacters() {
        assertEquals(Optional.of("a b+c"), FormEncoding.decode("a+b%2Bc"));
        assertEquals(Optional.of("José Núñez"), FormEncoding.decode("Jos%C3%A9+N%C3%BA%C3%B1ez"));
        assertEquals(Optional.of("😀"), FormEncoding.decode("%F0%9F%98%80"));
        assertEquals(Optional.of("ñ"), FormEncoding.decode("ñ"), "already decoded text passes unchanged");
        assertEquals(Optional.of(""), FormEncoding.decode(""));
    }

    @Test
    void keepsOrderAndRepeatedNamesAndSkipsEmptyPairs() {
        Map<String, List<String>> parsed = FormEncoding.parse("b=2&a=1&&b=3&flag&c=&d==").orElseThrow();
        assertEquals(List.of("b", "a", "flag", "c", "d"), List.copyOf(parsed.keySet()));
        assertEquals(List.of("2", "3"), parsed.get("b"));
        assertEquals(List.of(""), parsed.get("flag"));
        assertEquals(List.of(""), parsed.get("c"));
        assertEquals(List.of("="), parsed.get("d"));
        assertTrue(FormEncoding.parse(null).orElseThrow().isEmpty());
        assertTrue(FormEncoding.parse("").orElseThrow().isEmpty());
        assertTrue(FormEncoding.parse("&&&").orElseThrow().isEmpty());
    }

    /** Each of these made URLDecoder throw (a 500 from the signature filter) or decode to replacement characters. */
    @ParameterizedTest
    @ValueSource(strings = {"%zz=1", "a=%zz", "%=1", "a=%", "a=%4", "a=%4g", "%%%", "a=%c3%28", "a=%ff", "a=%ed%a0%80",
        "a=1&%zz", "x=%C3", "%G0=1", "a=%-1", "=x", "=", "a=1&=2"})
    void malformedTextIsReportedNotThrown(String text) {
        assertEquals(Optional.empty(), FormEncoding.parse(text), text);
    }
}
