package com.inspireworks.ivr.bench;

import com.inspireworks.ivr.flow.Attempt;
import com.inspireworks.ivr.flow.CallFlow;
import com.inspireworks.ivr.flow.IvrUrls;
import com.inspireworks.ivr.flow.Language;
import com.inspireworks.ivr.flow.Menus;
import com.inspireworks.ivr.flow.PlivoDocument;
import com.inspireworks.ivr.flow.PlivoXml;
import com.plivo.api.exceptions.PlivoXmlException;
import com.plivo.api.xml.Response;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What one IVR answer costs to produce, for the welcome menu (level 1, the biggest document) and a menu-handler
 * answer (key 2 at the English main menu: Speak + Dial to the associate):
 * <ul>
 * <li>{@code sdkToXmlString}: plivo-java's own {@code Response.toXmlString()} on a built tree (new JAXBContext per
 * call, no escaping), what a naive servlet would do per request;</li>
 * <li>{@code renderTree}: our {@link PlivoXml} on the same, already built tree (one cached JAXBContext, escaping);</li>
 * <li>{@code buildAndRender}: a fully dynamic answer, building the SDK tree with {@link Menus} and rendering it;</li>
 * <li>{@code preRendered}: what the servlets really do, {@link CallFlow} look-up plus writing the bytes rendered at
 * start-up to a stream.</li>
 * </ul>
 * Run with {@code -prof gc}: {@code gc.alloc.rate.norm} shows that the pre-rendered path allocates nothing per
 * request, so no XML marshalling happens. Run by {@code bench/run.sh}, never by {@code mvn verify}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class RenderBenchmark {

    /** Which answer: the level-1 menu or the menu-handler's answer to key 2. */
    @Param({"welcome", "menu-handler"})
    public String document;

    private Menus menus;
    private PlivoXml xml;
    private CallFlow flow;
    private Response tree;
    private final OutputStream sink = new DiscardingStream();

    @Setup
    public void setUp() {
        menus = new Menus(new IvrUrls(URI.create("https://ivr.example.com/ivr")),
                Map.of(Language.ENGLISH, URI.create("https://audio.example.com/ivr/message-en.mp3"),
                        Language.SPANISH, URI.create("https://audio.example.com/ivr/message-es.mp3")),
                Optional.of("+14155550199"), Optional.of("+14155550100"));
        xml = new PlivoXml();
        flow = new CallFlow(menus, xml);
        tree = build();
    }

    private Response build() {
        return switch (document) {
            case "welcome" -> menus.languageMenu(Attempt.FIRST);
            case "menu-handler" -> menus.connectToAssociate(Language.ENGLISH, Attempt.FIRST);
            default -> throw new IllegalArgumentException(document);
        };
    }

    private PlivoDocument lookUp() {
        return switch (document) {
            case "welcome" -> flow.welcome(Attempt.FIRST);
            case "menu-handler" -> flow.menuChosen(Language.ENGLISH, "2", Attempt.FIRST);
            default -> throw new IllegalArgumentException(document);
        };
    }

    @Benchmark
    public String sdkToXmlString() throws PlivoXmlException {
        return tree.toXmlString();
    }

    @Benchmark
    public byte[] renderTree() {
        return xml.render(tree);
    }

    @Benchmark
    public byte[] buildAndRender() {
        return xml.render(build());
    }

    @Benchmark
    public void preRendered(Blackhole blackhole) throws IOException {
        PlivoDocument answer = lookUp();
        answer.writeTo(sink);
        blackhole.consume(answer);
    }

    /** Stands in for the servlet output stream: takes the bytes, keeps nothing. */
    private static final class DiscardingStream extends OutputStream {
        private int last;

        @Override
        public void write(int b) {
            last = b;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            last = length == 0 ? last : bytes[offset + length - 1];
        }
    }
}
