package org.lethe.autograd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.lethe.tensor.Algebra;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Series;
import org.lethe.tensor.Shapes;

/**
 * Hessian-vector products by forward-over-reverse differentiation: the loss is evaluated at parameters
 * {@code p + v z} in the {@link Series} algebra of order 1 and differentiated by reverse mode there, so every
 * gradient element is {@code g(p) + (H(p) v) z}: the constant term is the gradient and the {@code z} coefficient
 * is the Hessian applied to {@code v}, exact up to rounding, at the cost of one gradient evaluation in series
 * arithmetic. Real directions keep the imaginary planes zero, so matrix products cost three real products.
 *
 * <p>The loss function receives the parameters as series tensors and must build everything it creates
 * (data, targets, masks) in their algebra, {@code params.get(0).algebra()}, as model code written against
 * {@code NDArray} does. Piecewise-linear operations (ReLU, max) contribute their local, almost-everywhere Hessian.
 */
public final class HessianVectorProduct {
    private static final Series DUAL = Series.of(1);

    private HessianVectorProduct() {
    }

    /** The loss, its gradient and the Hessian-vector product at one point, all in F64. */
    public static final class Result {
        private final double loss;
        private final double directionalDerivative;
        private final List<NDArray> gradient;
        private final List<NDArray> product;

        Result(double loss, double directionalDerivative, List<NDArray> gradient, List<NDArray> product) {
            this.loss = loss;
            this.directionalDerivative = directionalDerivative;
            this.gradient = gradient;
            this.product = product;
        }

        /** The loss at the parameters. */
        public double loss() {
            return loss;
        }

        /** {@code g . v}, the derivative of the loss along the direction. */
        public double directionalDerivative() {
            return directionalDerivative;
        }

        /** The gradient, one F64 array per parameter. */
        public List<NDArray> gradient() {
            return gradient;
        }

        /** {@code H v}, one F64 array per parameter. */
        public List<NDArray> product() {
            return product;
        }
    }

    /**
     * Evaluates {@code loss} at {@code parameters} (arrays of any real algebra) and returns its gradient and
     * {@code H v} for the direction {@code direction} (one array per parameter, same shapes).
     */
    public static Result compute(Function<List<Tensor>, Tensor> loss, List<NDArray> parameters,
                                 List<NDArray> direction) {
        if (parameters.size() != direction.size()) {
            throw new IllegalArgumentException(parameters.size() + " parameters but " + direction.size()
                    + " direction arrays");
        }
        List<Tensor> params = new ArrayList<>(parameters.size());
        for (int i = 0; i < parameters.size(); i++) {
            checkShapes(i, parameters.get(i), direction.get(i));
            params.add(Tensor.parameter(DUAL.linear(parameters.get(i), direction.get(i), null)));
        }
        return differentiate(loss.apply(params), params);
    }

    /** The algebra in which {@link #compute(Supplier, List, List, List)} expects a model's parameters. */
    public static Algebra algebra() {
        return DUAL;
    }

    /**
     * The same product for a loss computed by a model that owns its parameters (a module built in {@link
     * #algebra()}): each tensor of {@code modelParameters} is set to {@code parameters + direction z}, then
     * {@code loss} (which runs the model) is evaluated and differentiated. The tensors keep those values afterwards.
     */
    public static Result compute(Supplier<Tensor> loss, List<Tensor> modelParameters, List<NDArray> parameters,
                                 List<NDArray> direction) {
        if (modelParameters.size() != parameters.size() || parameters.size() != direction.size()) {
            throw new IllegalArgumentException(modelParameters.size() + " model parameters, " + parameters.size()
                    + " values and " + direction.size() + " direction arrays");
        }
        for (int i = 0; i < parameters.size(); i++) {
            checkShapes(i, parameters.get(i), direction.get(i));
            if (modelParameters.get(i).algebra() != DUAL) {
                throw new IllegalArgumentException("model parameter " + i + " is in " + modelParameters.get(i)
                        .algebra().name() + "; build the model in " + DUAL.name());
            }
            modelParameters.get(i).setValue(DUAL.linear(parameters.get(i), direction.get(i), null));
        }
        return differentiate(loss.get(), modelParameters);
    }

    private static void checkShapes(int i, NDArray p, NDArray v) {
        if (!Arrays.equals(p.shape(), v.shape())) {
            throw new IllegalArgumentException("direction " + i + " has shape " + Shapes.str(v.shape())
                    + ", parameter " + i + " has " + Shapes.str(p.shape()));
        }
    }

    private static Result differentiate(Tensor out, List<Tensor> params) {
        if (out.algebra() != DUAL) {
            throw new IllegalArgumentException("the loss must be computed in the parameters' algebra " + DUAL.name()
                    + ", got " + out.algebra().name());
        }
        if (out.value().size() != 1) {
            throw new IllegalArgumentException("Hessian-vector products need a scalar loss, got shape "
                    + Shapes.str(out.shape()));
        }
        List<NDArray> grads = Autograd.gradients(out, params);
        List<NDArray> gradient = new ArrayList<>(grads.size());
        List<NDArray> product = new ArrayList<>(grads.size());
        for (NDArray g : grads) {
            gradient.add(Series.plane(g, 0, false));
            product.add(Series.plane(g, 1, false));
        }
        double directional = Series.plane(out.value(), 1, false).item();
        return new Result(out.item(), directional, List.copyOf(gradient), List.copyOf(product));
    }

    /** Just {@code H v}; see {@link #compute}. */
    public static List<NDArray> of(Function<List<Tensor>, Tensor> loss, List<NDArray> parameters,
                                   List<NDArray> direction) {
        return compute(loss, parameters, direction).product();
    }
}
