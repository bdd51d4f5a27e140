package org.lethe.app.cli.model;

/** One titled step of {@code lethe demo}; the demo runs its stages in order over a shared {@link DemoState}. */
final class DemoStage {
    /** What a stage does. */
    @FunctionalInterface
    interface Action {
        void run(DemoState state) throws Exception;
    }

    final String title;
    final Action action;

    DemoStage(String title, Action action) {
        this.title = title;
        this.action = action;
    }
}
