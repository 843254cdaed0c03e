package org.jdive.core;

import org.jdive.core.backend.Backend;
import org.jdive.core.backend.BinaryOp;
import org.jdive.core.backend.UnaryOp;

/** Elementwise ops and their gradient rules. */
final class Elementwise {

    private Elementwise() {
    }

    static Tensor unary(UnaryOp op, float p, Tensor x) {
        Backend be = x.backend();
        Tensor out = Tensor.forOutput(be, x.shapeRef());
        be.unary(op, p, x.buffer(), out.buffer(), x.size());
        return Autograd.record(out, op.name().toLowerCase(), g -> new Tensor[] {unaryGrad(op, p, x, out, g)}, x);
    }

    private static Tensor unaryGrad(UnaryOp op, float p, Tensor x, Tensor out, Tensor g) {
        return switch (op) {
            case NEG, RSUB_SCALAR -> g.neg();
            case ABS -> g.mul(x.sign());
            case SIGN, STEP, FILL -> Tensor.zeros(x.backend(), x.shapeRef());
            case EXP -> g.mul(out);
            case LOG -> g.div(x);
            case SQRT -> g.mul(out.rdiv(0.5f));
            case SQUARE -> g.mul(x).mul(2f);
            case RECIPROCAL -> g.mul(out.square()).neg();
            case SIN -> g.mul(x.cos());
            case COS -> g.mul(x.sin()).neg();
            case TANH -> g.mul(out.square().rsub(1f));
            case SIGMOID -> g.mul(out.mul(out.rsub(1f)));
            case RELU -> binary(BinaryOp.RELU_BACKWARD, g, x);
            case LEAKY_RELU -> g.mul(unary(UnaryOp.STEP, 0f, x).mul(1f - p).add(p));
            case POW -> g.mul(x.pow(p - 1f).mul(p));
            case ADD_SCALAR -> g;
            case MUL_SCALAR -> g.mul(p);
            case RDIV_SCALAR -> g.mul(out).div(x).neg();
        };
    }

    static Tensor binary(BinaryOp op, Tensor a, Tensor b) {
        Backend be = sameBackend(a, b);
        int[] shape = Shapes.broadcast(a.shapeRef(), b.shapeRef());
        Tensor out = Tensor.forOutput(be, shape);
        be.binary(op, a.buffer(), a.shapeRef(), b.buffer(), b.shapeRef(), out.buffer(), shape);
        return Autograd.record(out, op.name().toLowerCase(), g -> binaryGrad(op, a, b, out, g), a, b);
    }

    private static Tensor[] binaryGrad(BinaryOp op, Tensor a, Tensor b, Tensor out, Tensor g) {
        Tensor ga;
        Tensor gb;
        switch (op) {
            case ADD -> { ga = g; gb = g; }
            case SUB -> { ga = g; gb = b.requiresGrad() ? g.neg() : null; }
            case MUL -> { ga = a.requiresGrad() ? g.mul(b) : null; gb = b.requiresGrad() ? g.mul(a) : null; }
            case DIV -> { ga = a.requiresGrad() ? g.div(b) : null; gb = b.requiresGrad() ? g.mul(out).div(b).neg() : null; }
            case POW -> {
                ga = a.requiresGrad() ? g.mul(b).mul(a.pow(b.sub(1f))) : null;
                gb = b.requiresGrad()
                        ? g.mul(Tensor.where(a.eq(scalarLike(a, 0f)), scalarLike(a, 0f), out.mul(a.log()))) : null;
            }
            case MAX -> { ga = g.mul(a.ge(b)); gb = g.mul(a.lt(b)); }
            case MIN -> { ga = g.mul(a.le(b)); gb = g.mul(a.gt(b)); }
            case RELU_BACKWARD -> { ga = binary(BinaryOp.RELU_BACKWARD, g, b); gb = null; }
            default -> throw new IllegalStateException(op + " has no gradient");
        }
        return new Tensor[] {
            ga == null ? null : Autograd.sumToShape(ga, a.shapeRef()),
            gb == null ? null : Autograd.sumToShape(gb, b.shapeRef())
        };
    }

    /** A comparison: 1 where it holds, else 0; no gradient. */
    static Tensor compare(BinaryOp op, Tensor a, Tensor b) {
        Backend be = sameBackend(a, b);
        int[] shape = Shapes.broadcast(a.shapeRef(), b.shapeRef());
        Tensor out = Tensor.forOutput(be, shape);
        be.binary(op, a.buffer(), a.shapeRef(), b.buffer(), b.shapeRef(), out.buffer(), shape);
        return out;
    }

    static Tensor clamp(Tensor x, float lo, float hi) {
        if (!(lo <= hi)) {
            throw new IllegalArgumentException("clamp needs lo <= hi, got [" + lo + ", " + hi + "]");
        }
        Backend be = x.backend();
        Tensor out = Tensor.forOutput(be, x.shapeRef());
        be.clamp(x.buffer(), out.buffer(), x.size(), lo, hi);
        return Autograd.record(out, "clamp", g -> new Tensor[] {
            g.mul(x.ge(scalarLike(x, lo))).mul(x.le(scalarLike(x, hi)))
        }, x);
    }

    static Tensor where(Tensor cond, Tensor a, Tensor b) {
        Backend be = sameBackend(a, b);
        sameBackend(cond, a);
        int[] shape = Shapes.broadcast(Shapes.broadcast(cond.shapeRef(), a.shapeRef()), b.shapeRef());
        Tensor out = Tensor.forOutput(be, shape);
        be.where(cond.buffer(), cond.shapeRef(), a.buffer(), a.shapeRef(), b.buffer(), b.shapeRef(),
                out.buffer(), shape);
        return Autograd.record(out, "where", g -> {
            Tensor zero = scalarLike(g, 0f);
            return new Tensor[] {
                null,
                a.requiresGrad() ? Autograd.sumToShape(where(cond, g, zero), a.shapeRef()) : null,
                b.requiresGrad() ? Autograd.sumToShape(where(cond, zero, g), b.shapeRef()) : null
            };
        }, cond, a, b);
    }

    /** A rank-0 tensor on {@code like}'s backend. */
    static Tensor scalarLike(Tensor like, float value) {
        return Tensor.full(like.backend(), value);
    }

    static Backend sameBackend(Tensor a, Tensor b) {
        if (a.backend() != b.backend()) {
            throw new IllegalArgumentException("operands live on different backends: '" + a.backend().name()
                    + "' and '" + b.backend().name() + "'; move one with to(backend)");
        }
        return a.backend();
    }
}
