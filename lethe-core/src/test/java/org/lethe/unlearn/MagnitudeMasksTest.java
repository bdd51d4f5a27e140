package org.lethe.unlearn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MagnitudeMasksTest {
    @Test
    void choosesTheSmallestMagnitudesWithTiesToTheEarlierElement() {
        assertThat(MagnitudeMasks.smallest(new double[] {3, -1, 0.5, 1, -2}, 0.4))
                .containsExactly(false, true, true, false, false);
        assertThat(MagnitudeMasks.smallest(new double[] {1, 1, 1, 1}, 0.5)).containsExactly(true, true, false, false);
    }

    @Test
    void choosesAcrossArraysTogether() {
        List<boolean[]> masks = MagnitudeMasks.smallestAcross(List.of(new double[] {5, 0.1}, new double[] {-0.2, 4, 3}), 0.6);
        assertThat(masks.get(0)).containsExactly(false, true);
        assertThat(masks.get(1)).containsExactly(true, false, true);
        assertThatThrownBy(() -> MagnitudeMasks.smallest(new double[] {1}, 1.5)).hasMessageContaining("[0, 1]");
    }
}
