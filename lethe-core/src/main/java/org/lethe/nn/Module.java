package org.lethe.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lethe.autograd.Tensor;
import org.lethe.tensor.NDArray;

/**
 * A node in a model tree: it owns named parameters and named child modules. Full parameter names join the path
 * with dots ({@code layer0.attn_wq}), in registration order, so a model's parameter list is deterministic and
 * matches its file layout.
 */
public abstract class Module {
    private final Map<String, Tensor> parameters = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private final java.util.Set<String> inlineChildren = new java.util.HashSet<>();
    private boolean training = true;

    /** Registers a trainable parameter under a local name. */
    protected Tensor addParameter(String name, NDArray init) {
        requireFreshName(name);
        Tensor p = Tensor.parameter(init);
        parameters.put(name, p);
        return p;
    }

    /** Registers a child module under a local name. */
    protected <M extends Module> M addChild(String name, M child) {
        requireFreshName(name);
        children.put(name, child);
        return child;
    }

    /**
     * Registers a child whose parameters are named as if they were this module's own: no path segment is added
     * for it. This lets a file layout such as {@code layer0.attn_wq} name the weight of a {@link Linear} child
     * of {@code layer0} directly. Parameter names must stay unique across the module and its inline children.
     */
    protected <M extends Module> M addInlineChild(String name, M child) {
        addChild(name, child);
        inlineChildren.add(name);
        return child;
    }

    private void requireFreshName(String name) {
        if (parameters.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException("duplicate name in module: " + name);
        }
    }

    /** Every parameter in the tree, by full dotted name, in registration order. */
    public Map<String, Tensor> namedParameters() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect("", out);
        return Collections.unmodifiableMap(out);
    }

    private void collect(String prefix, Map<String, Tensor> out) {
        for (Map.Entry<String, Tensor> e : parameters.entrySet()) {
            String full = prefix + e.getKey();
            if (out.put(full, e.getValue()) != null) {
                throw new IllegalStateException("two parameters are named " + full);
            }
        }
        for (Map.Entry<String, Module> e : children.entrySet()) {
            String childPrefix = inlineChildren.contains(e.getKey()) ? prefix : prefix + e.getKey() + ".";
            e.getValue().collect(childPrefix, out);
        }
    }

    /** Parameters that currently require gradients (the ones an optimiser should update). */
    public List<Tensor> trainableParameters() {
        List<Tensor> out = new ArrayList<>();
        for (Tensor t : namedParameters().values()) {
            if (t.requiresGrad()) {
                out.add(t);
            }
        }
        return out;
    }

    /** The direct children, by local name. */
    public Map<String, Module> children() {
        return Collections.unmodifiableMap(children);
    }

    /** Total number of scalar parameters (frozen ones included). */
    public long parameterCount() {
        long n = 0;
        for (Tensor t : namedParameters().values()) {
            n += t.value().size();
        }
        return n;
    }

    /** Stops gradients to every parameter of this subtree. */
    public void freeze() {
        setTrainable(true, false);
    }

    /** Lets gradients flow to every parameter of this subtree again. */
    public void unfreeze() {
        setTrainable(true, true);
    }

    /**
     * Lets gradients flow to parameters ({@code trainable}) or stops them. With {@code recursive} false only this
     * module's own parameters change, together with those of its inline children, which it names as its own;
     * other children keep their setting, so a model can freeze, say, its embedding table but not its layers.
     */
    public void setTrainable(boolean recursive, boolean trainable) {
        for (Tensor t : parameters.values()) {
            t.setRequiresGrad(trainable);
        }
        for (Map.Entry<String, Module> e : children.entrySet()) {
            if (recursive || inlineChildren.contains(e.getKey())) {
                e.getValue().setTrainable(recursive, trainable);
            }
        }
    }

    /** Clears accumulated gradients of the subtree. */
    public void zeroGrad() {
        for (Tensor t : namedParameters().values()) {
            t.setGrad(null);
        }
    }

    /** Switches training-time behaviour (dropout) on or off for the subtree. */
    public void train(boolean on) {
        training = on;
        for (Module m : children.values()) {
            m.train(on);
        }
    }

    public boolean isTraining() {
        return training;
    }

    /**
     * Resets every random stream of the subtree (dropout masks) from {@code seed}. The trainer calls this before
     * each step with a seed derived from the run seed and the step, so that randomness needs no checkpointing.
     */
    public void reseed(long seed) {
        reseedSelf(seed);
        int i = 0;
        for (Module m : children.values()) {
            m.reseed(org.lethe.tensor.Rng.derive(seed, i++));
        }
    }

    /** Modules with their own randomness override this to reset it. */
    protected void reseedSelf(long seed) {
    }

    /** Copies every parameter value from {@code source}, which must have the same names and shapes. */
    public void loadFrom(Module source) {
        Map<String, Tensor> mine = namedParameters();
        Map<String, Tensor> theirs = source.namedParameters();
        if (!mine.keySet().equals(theirs.keySet())) {
            throw new IllegalArgumentException("parameter names differ: " + mine.keySet() + " vs " + theirs.keySet());
        }
        for (Map.Entry<String, Tensor> e : mine.entrySet()) {
            e.getValue().value().assign(theirs.get(e.getKey()).value());
        }
    }
}
