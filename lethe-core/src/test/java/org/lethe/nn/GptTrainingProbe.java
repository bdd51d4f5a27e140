package org.lethe.nn;

import org.lethe.autograd.Tensor;
import org.lethe.optim.Sgd;
import org.lethe.tensor.Algebra;
import org.lethe.tensor.Blas;
import org.lethe.tensor.Real32;
import org.lethe.tensor.Real64;
import org.lethe.tensor.Rng;

/**
 * Times one-document-per-step training of {@link GptConfig#tinyCharacterModel} on the bundled names (forward,
 * backward and an SGD update per step). Not a unit test: run its {@code main} by hand. Arguments: steps
 * (default 1000), algebra {@code f64} or {@code f32}, rounds (default 3; the first warms up the JIT).
 */
public final class GptTrainingProbe {
    private GptTrainingProbe() {
    }

    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        Algebra algebra = args.length > 1 && args[1].equals("f32") ? Real32.INSTANCE : Real64.INSTANCE;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        NamesCorpus names = NamesCorpus.load();
        System.out.println("BLAS: " + Blas.implementation() + ", algebra " + algebra.name() + ", " + names.names.size()
                + " names, vocab " + names.vocabSize());
        for (int round = 0; round < rounds; round++) {
            Gpt gpt = new Gpt(algebra, new Rng(42), GptConfig.tinyCharacterModel(names.vocabSize()));
            Sgd sgd = new Sgd(gpt.trainableParameters(), 0.1, 0.0);
            int[] order = new Rng(1).permutation(names.names.size());
            double first = 0;
            double last = 0;
            long start = System.nanoTime();
            for (int step = 0; step < steps; step++) {
                int[][] ex = names.example(order[step % order.length], 16);
                Tensor loss = gpt.loss(ex[0], ex[1], 1, ex[0].length);
                sgd.zeroGrad();
                loss.backward();
                sgd.step();
                if (step < 50) {
                    first += loss.item() / 50;
                }
                if (step >= steps - 50) {
                    last += loss.item() / 50;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("round %d: %d steps in %.3f s (%.1f us/step), mean loss first 50 %.3f, last 50 %.3f%n",
                    round, steps, seconds, seconds * 1e6 / steps, first, last);
        }
    }
}
