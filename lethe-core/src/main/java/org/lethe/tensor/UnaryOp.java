package org.lethe.tensor;

/** Element-wise functions every algebra provides. */
public enum UnaryOp {
    NEG, EXP, LOG, SQRT, TANH, RELU, ERF, GELU, SQUARE, RECIPROCAL, ABS
}
