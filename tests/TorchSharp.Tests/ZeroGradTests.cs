using System.Linq;
using Shouldly;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TorchSharp.Tests
{
    // zero_grad releases gradients nothing else references instead of filling them (Native/released_grads.h): every
    // reader must still see what filling with zeros gives.
    public class ZeroGradTests
    {
        private static readonly double[] Start = { 1.0, -2.0, 0.5 };

        // loss(p) = Σ c_i p_i², gradient 2 c_i p_i
        private static void Backward(Parameter p) => (tensor(new[] { 0.5, 1.5, -2.0 }) * p.square()).sum().backward();

        private static double[] Gradient(Parameter p) => p.grad()!.data<double>().ToArray();

        [Fact]
        public void Backward_AfterZeroGrad_GivesTheNewGradientAlone()
        {
            using var p = new Parameter(tensor(Start));
            using var sgd = optim.SGD(new[] { p }, 0.1);
            Backward(p);
            Backward(p);
            Gradient(p).ShouldBe(new[] { 2.0, -12.0, -4.0 }, "two backward passes accumulate");
            sgd.zero_grad();
            Backward(p);
            Gradient(p).ShouldBe(new[] { 1.0, -6.0, -2.0 });
        }

        [Fact]
        public void Grad_AfterZeroGrad_ReadsZerosOfTheParametersShapeAndType()
        {
            using var p = new Parameter(tensor(Start));
            using var sgd = optim.SGD(new[] { p }, 0.1);
            Backward(p);
            sgd.zero_grad();
            using var grad = p.grad();
            grad.ShouldNotBeNull();
            grad.shape.ShouldBe(new long[] { 3 });
            grad.dtype.ShouldBe(ScalarType.Float64);
            grad.data<double>().ToArray().ShouldBe(new[] { 0.0, 0.0, 0.0 });
            // The zeros read are the gradient from now on: backward adds into them
            Backward(p);
            grad.data<double>().ToArray().ShouldBe(new[] { 1.0, -6.0, -2.0 });
        }

        [Fact]
        public void ZeroGrad_FillsAGradientACallerStillHolds()
        {
            using var p = new Parameter(tensor(Start));
            using var sgd = optim.SGD(new[] { p }, 0.1);
            Backward(p);
            using var held = p.grad()!;
            sgd.zero_grad();
            held.data<double>().ToArray().ShouldBe(new[] { 0.0, 0.0, 0.0 });
            Backward(p);
            held.data<double>().ToArray().ShouldBe(new[] { 1.0, -6.0, -2.0 }, "the held tensor is still the gradient");
        }

        [Fact]
        public void AdamStep_AfterZeroGrad_StepsWithZeroGradients()
        {
            // One parameter's gradient is released by zero_grad, the other's is filled (a caller holds it): the second
            // step, with no backward pass in between, must move both alike (Adam's momentum moves them on zero gradients).
            using var released = new Parameter(tensor(Start));
            using var filled = new Parameter(tensor(Start));
            using var adamReleased = optim.Adam(new[] { released }, lr: 0.1);
            using var adamFilled = optim.Adam(new[] { filled }, lr: 0.1);
            Backward(released);
            Backward(filled);
            adamReleased.step();
            adamFilled.step();
            var afterFirst = released.data<double>().ToArray();

            using var held = filled.grad()!;
            adamReleased.zero_grad();
            adamFilled.zero_grad();
            adamReleased.step();
            adamFilled.step();

            released.data<double>().ToArray().ShouldBe(filled.data<double>().ToArray());
            released.data<double>().ToArray().ShouldNotBe(afterFirst, "Adam moves on zero gradients with its momentum");
            adamReleased.StateOf(0).step.ShouldBe(2);
        }

        [Fact]
        public void ModuleZeroGrad_ReleasesToo_AndAnUnusedParameterReadsZeros()
        {
            using var model = nn.Linear(2, 1);
            model.call(ones(3, 2)).sum().backward();
            model.zero_grad();
            // A pass that reaches the weight only: the bias gets no new gradient and reads zeros, not null
            var weight = model.get_parameter("weight")!;
            (weight * 2).sum().backward();
            weight.grad()!.data<float>().ToArray().ShouldBe(new float[] { 2, 2 });
            var bias = model.get_parameter("bias")!;
            bias.grad()!.data<float>().ToArray().ShouldBe(new float[] { 0 });
        }
    }
}
