package org.lethe.tensor;

/** Element-wise binary operations every algebra provides. */
public enum BinaryOp {
    ADD, SUB, MUL, DIV
}
