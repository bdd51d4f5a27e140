package org.lethe.nn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Real32;
import org.lethe.tensor.Rng;

class ModuleTest {

    /** A module with a parameter of its own, an ordinary child and an inline child. */
    private static final class Tree extends Module {
        Tree() {
            Rng rng = new Rng(3);
            addParameter("scale", NDArray.full(Real32.INSTANCE, 1.0, 2));
            addChild("fc", new Linear(Real32.INSTANCE, rng, 2, 2, true));
            addInlineChild("head", new Linear(Real32.INSTANCE, rng, 2, 2, false, "head_w", "head_b"));
        }
    }

    @Test
    void nonRecursiveSetTrainableLeavesOrdinaryChildrenAlone() {
        Tree m = new Tree();
        m.setTrainable(false, false);
        assertThat(m.namedParameters().get("scale").requiresGrad()).isFalse();
        assertThat(m.namedParameters().get("head_w").requiresGrad()).isFalse();
        assertThat(m.namedParameters().get("fc.weight").requiresGrad()).isTrue();
        assertThat(m.namedParameters().get("fc.bias").requiresGrad()).isTrue();
        assertThat(m.trainableParameters()).hasSize(2);

        m.setTrainable(false, true);
        assertThat(m.trainableParameters()).hasSize(4);
    }

    @Test
    void freezeAndUnfreezeReachTheWholeSubtree() {
        Tree m = new Tree();
        m.freeze();
        assertThat(m.trainableParameters()).isEmpty();
        m.unfreeze();
        assertThat(m.trainableParameters()).hasSize(4);
    }
}
