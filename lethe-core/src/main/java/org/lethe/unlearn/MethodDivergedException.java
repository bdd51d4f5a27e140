package org.lethe.unlearn;

/**
 * An approximate deletion method diverged: a loss or a weight stopped being a finite number. The method is stopped
 * at the step that showed it, so that no model with non-finite weights is ever returned or written; the message is
 * one line that names the step and suggests a lower rate.
 */
public final class MethodDivergedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** A method stopped with {@code message} (one line). */
    public MethodDivergedException(String message) {
        super(message);
    }
}
