package com.inspireworks.ivr.web.journal;

/** One step of a caller's path ({@link CallPath.Step}) as a JavaBean for JSP EL; time in UTC, null when none. */
public final class StepRow {

    private final CallPath.Step step;

    public StepRow(CallPath.Step step) {
        this.step = step;
    }

    public String getWords() {
        return step.words();
    }

    public String getAtIso() {
        return step.at().map(ClockText::iso).orElse(null);
    }

    public String getAt() {
        return step.at().map(ClockText::time).orElse(null);
    }

    public String getMore() {
        return step.more();
    }
}
