package com.inspireworks.ivr.web.journal;

import com.inspireworks.ivr.flow.Attempt;
import com.inspireworks.ivr.flow.Language;
import com.inspireworks.ivr.journal.CallDetail;
import com.inspireworks.ivr.journal.CallEvent;
import com.inspireworks.ivr.journal.CallRecord;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A caller's path through the IVR in words, from the journal's steps: "answered 10:02:03 · chose Español · pressed 2
 * · associate busy · heard the menu again · hung up 10:03:10, NORMAL_CLEARING, 67 s". What the caller heard after a
 * step (the menu again, or goodbye) follows from the step and its attempt, as the call flow decides it.
 */
public final class CallPath {

    /** The key of each level-2 option, as the menu says it ("To hear a recorded message, press 1 ..."). */
    static final String MESSAGE_KEY = "1";
    static final String ASSOCIATE_KEY = "2";
    static final String SEPARATOR = " · ";

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private final List<Step> steps;

    private CallPath(List<Step> steps) {
        this.steps = List.copyOf(steps);
    }

    /**
     * One step: {@code words}, then the time when the step shows one, then {@code more}.
     *
     * @param words what happened ("answered", "chose Español")
     * @param at when, for the steps that show a time (answered, hung up)
     * @param more what follows the time (", NORMAL_CLEARING, 67 s"), or ""
     */
    public record Step(String words, Optional<Instant> at, String more) {

        public Step {
            Objects.requireNonNull(words);
            Objects.requireNonNull(at);
            Objects.requireNonNull(more);
        }

        static Step of(String words) {
            return new Step(words, Optional.empty(), "");
        }

        /** The step as text, its time in {@code zone}. */
        public String text(ZoneId zone) {
            return words + at.map(t -> " " + CLOCK.format(t.atZone(zone))).orElse("") + more;
        }
    }

    public List<Step> steps() {
        return steps;
    }

    /** The whole path as one line, times in {@code zone}. */
    public String text(ZoneId zone) {
        return steps.stream().map(step -> step.text(zone)).collect(Collectors.joining(SEPARATOR));
    }

    /** The path of a call from its stored steps (oldest first). */
    public static CallPath of(CallDetail detail) {
        CallRecord call = detail.call();
        List<CallEvent> events = detail.events();
        List<Step> steps = new ArrayList<>();
        boolean answered = false;
        boolean ended = false;
        for (int i = 0; i < events.size(); i++) {
            CallEvent event = events.get(i);
            String detailText = event.detail().orElse("");
            switch (event.type()) {
                case "requested", "placed", "menu", "dial" -> {
                    // The request is in the call's header; the level-2 menu follows from "chose <language>"; the
                    // associate's phone ringing from "pressed 2".
                }
                case "failed" -> steps.add(Step.of("not placed: " + event.detail().or(call::error).orElse("refused")));
                case "answered" -> {
                    answered = true;
                    steps.add(new Step("answered", Optional.of(event.at()), ""));
                }
                case "language" -> steps.add(Step.of("chose " + event.language().map(CallPath::languageName)
                        .orElse("a language (" + detailText + ")")));
                case "option" -> {
                    if ("message".equals(detailText)) {
                        steps.add(Step.of("pressed " + MESSAGE_KEY));
                        steps.add(Step.of("heard the recorded message"));
                    } else if ("associate".equals(detailText)) {
                        steps.add(Step.of("pressed " + ASSOCIATE_KEY));
                        boolean rang = i + 1 < events.size() && "dial".equals(events.get(i + 1).type());
                        if (!rang) {
                            steps.add(Step.of("no associate available"));
                            steps.add(Step.of(afterAssociate(event)));
                        }
                    } else {
                        steps.add(Step.of("chose " + detailText));
                    }
                }
                case "invalid" -> {
                    steps.add(Step.of("pressed " + (detailText.isEmpty() ? "an unknown key" : detailText)
                            + " (not an option)"));
                    steps.add(Step.of(isLast(event) ? "heard goodbye after too many tries"
                            : event.language().isPresent() ? "heard the menu again" : "heard the language menu again"));
                }
                case "no-input" -> steps.add(Step.of("pressed nothing, heard goodbye"));
                case "dial-ended" -> {
                    steps.add(Step.of(dialEnded(detailText)));
                    if (!"completed".equals(detailText)) {
                        steps.add(Step.of(afterAssociate(event)));
                    }
                }
                case "hangup" -> {
                    ended = true;
                    steps.add(ending(answered, event.at(),
                            Optional.ofNullable(event.parameters().get("HangupCause")).or(call::hangupCause),
                            seconds(event.parameters().get("Duration")).or(call::durationSeconds)));
                }
                default -> steps.add(Step.of(event.type() + (detailText.isEmpty() ? "" : " " + detailText)));
            }
        }
        if (!ended && call.endedAt().isPresent() && call.error().isEmpty()) {
            steps.add(ending(answered || call.answeredAt().isPresent(), call.endedAt().get(), call.hangupCause(),
                    call.durationSeconds()));
        }
        return new CallPath(steps);
    }

    /**
     * One step on its own, as the live view lists the latest steps of all calls: "chose Español", "associate busy",
     * "hung up, NORMAL_CLEARING, 67 s".
     */
    public static String describe(CallEvent event) {
        String detail = event.detail().orElse("");
        return switch (event.type()) {
            case "requested" -> "requested";
            case "placed" -> "ringing";
            case "failed" -> "not placed" + (detail.isEmpty() ? "" : ": " + detail);
            case "answered" -> "answered";
            case "menu" -> "heard the menu" + event.language().map(code -> " in " + languageName(code)).orElse("");
            case "language" -> "chose " + event.language().map(CallPath::languageName).orElse(detail);
            case "option" -> "message".equals(detail) ? "pressed " + MESSAGE_KEY + ", the recorded message"
                    : "associate".equals(detail) ? "pressed " + ASSOCIATE_KEY + ", the associate" : "chose " + detail;
            case "invalid" -> "pressed " + (detail.isEmpty() ? "an unknown key" : detail) + " (not an option)";
            case "no-input" -> "pressed nothing, heard goodbye";
            case "dial" -> "ringing the associate";
            case "dial-ended" -> dialEnded(detail);
            case "hangup" -> {
                Step step = ending(true, event.at(), Optional.ofNullable(event.parameters().get("HangupCause")),
                        seconds(event.parameters().get("Duration")));
                yield step.words() + step.more();
            }
            default -> event.type() + (detail.isEmpty() ? "" : " " + detail);
        };
    }

    /**
     * A language's name in itself, as the caller heard it offered: "English", "Español". The code itself for a
     * language the IVR no longer speaks.
     */
    static String languageName(String code) {
        return Language.fromCode(code).map(language -> {
            Locale locale = Locale.forLanguageTag(language.locale());
            String name = locale.getDisplayLanguage(locale);
            return name.isEmpty() ? code : name.substring(0, 1).toUpperCase(locale) + name.substring(1);
        }).orElse(code);
    }

    private static String dialEnded(String dialStatus) {
        return switch (dialStatus) {
            case "completed" -> "talked to the associate";
            case "busy" -> "associate busy";
            case "no-answer", "timeout" -> "associate did not answer";
            case "failed" -> "associate could not be reached";
            default -> "associate not reached" + (dialStatus.isEmpty() ? "" : " (" + dialStatus + ")");
        };
    }

    /** After the associate was not reached: the level-2 menu again, or on the last attempt a goodbye. */
    private static String afterAssociate(CallEvent event) {
        return isLast(event) ? "asked to call again later" : "heard the menu again";
    }

    private static boolean isLast(CallEvent event) {
        return event.attempt() >= Attempt.MAX;
    }

    private static Step ending(boolean answered, Instant at, Optional<String> cause, Optional<Integer> seconds) {
        StringBuilder more = new StringBuilder();
        cause.filter(c -> !c.isBlank()).ifPresent(c -> more.append(", ").append(c));
        if (answered) {
            seconds.ifPresent(s -> more.append(", ").append(s).append(" s"));
        }
        return new Step(answered ? "hung up" : "not answered, ended", Optional.of(at), more.toString());
    }

    private static Optional<Integer> seconds(String value) {
        if (value == null || !value.matches("[0-9]{1,9}")) {
            return Optional.empty();
        }
        return Optional.of(Integer.parseInt(value));
    }
}
