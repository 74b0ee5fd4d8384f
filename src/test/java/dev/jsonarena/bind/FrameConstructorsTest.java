package dev.jsonarena.bind;

import static org.junit.jupiter.api.Assertions.*;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The two ways of calling a record's canonical constructor from a frame, the method-handle tree
 * ({@link FrameConstructor}) and the generated class ({@link GeneratedConstructor}), build equal
 * records from the same frames: every primitive kind (bits as {@link Primitive} reads them),
 * references, a private record, and a record without components.
 */
class FrameConstructorsTest {
    private record AllKinds(boolean z, byte b, short s, char c, int i, long l, float f, double d, String text,
            List<Integer> list, AllKinds next) {}

    private record Empty() {}

    private static MethodHandle[] both(Class<?> r) throws Exception {
        RecordComponent[] rcs = r.getRecordComponents();
        Class<?>[] params = new Class<?>[rcs.length];
        Primitive[] kinds = new Primitive[rcs.length];
        for (int i = 0; i < rcs.length; i++) {
            params[i] = rcs[i].getType();
            kinds[i] = Primitive.of(params[i]);
        }
        MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(r, MethodHandles.lookup());
        MethodHandle tree = FrameConstructor.of(lookup.findConstructor(r, MethodType.methodType(void.class, params)), kinds);
        MethodHandle generated = GeneratedConstructor.of(lookup, r, params, kinds);
        assertNotNull(generated, "a class can be defined in the record's package");
        return new MethodHandle[] {tree, generated};
    }

    @Test
    void bothConstructorsBuildEqualRecordsFromTheSameFrame() throws Throwable {
        MethodHandle[] ctors = both(AllKinds.class);
        SplittableRandom random = new SplittableRandom(7);
        for (int t = 0; t < 200; t++) {
            long[] prims = new long[11];
            Object[] refs = new Object[11];
            prims[0] = random.nextInt(2);
            prims[1] = (byte) random.nextInt();
            prims[2] = (short) random.nextInt();
            prims[3] = (char) random.nextInt();
            prims[4] = random.nextInt();
            prims[5] = random.nextLong();
            prims[6] = Float.floatToRawIntBits(Float.intBitsToFloat(random.nextInt()));
            prims[7] = Double.doubleToRawLongBits(Double.longBitsToDouble(random.nextLong()));
            refs[8] = random.nextBoolean() ? null : Long.toHexString(random.nextLong());
            refs[9] = List.of(random.nextInt());
            refs[10] = random.nextBoolean() ? null : new AllKinds(true, (byte) 1, (short) 2, 'x', 3, 4, 5f, 6d, "n", null, null);
            Object a = (Object) ctors[0].invokeExact(prims, refs);
            Object b = (Object) ctors[1].invokeExact(prims, refs);
            assertEquals(a, b);
            AllKinds k = (AllKinds) a;
            assertEquals(prims[0] != 0, k.z());
            assertEquals((char) prims[3], k.c());
            assertEquals(Double.longBitsToDouble(prims[7]), k.d());
        }
    }

    @Test
    void aRecordWithoutComponentsIsBuiltByBoth() throws Throwable {
        MethodHandle[] ctors = both(Empty.class);
        assertEquals(new Empty(), (Object) ctors[0].invokeExact(new long[0], new Object[0]));
        assertEquals(new Empty(), (Object) ctors[1].invokeExact(new long[0], new Object[0]));
    }

    @Test
    void aReferenceOfTheWrongClassIsAClassCastException() throws Throwable {
        MethodHandle[] ctors = both(AllKinds.class);
        Object[] refs = new Object[11];
        refs[8] = 42; // not a String
        for (MethodHandle m : ctors) {
            assertThrows(ClassCastException.class, () -> {
                Object unused = (Object) m.invokeExact(new long[11], refs);
            });
        }
    }
}
