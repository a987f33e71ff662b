package io.shaledb.sql.exec.reuse;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;

/**
 * The accessor methods of a record class's components, looked up once per class.
 *
 * <p>The planner walks bound expressions and syntax trees generically, through their record
 * components. {@link Class#getRecordComponents()} builds new reflection objects on every call, and
 * invoking a freshly built accessor {@link Method} makes the JDK build a new method accessor for
 * it, so walking a small WHERE clause that way cost more than parsing it. The {@link Method}s kept
 * here are the same objects every time: their accessors are built once and invoking them is
 * cheap.
 */
public final class RecordAccessors {
    private static final ClassValue<Method[]> ACCESSORS = new ClassValue<>() {
        @Override
        protected Method[] computeValue(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            if (components == null) {
                throw new IllegalArgumentException(type.getName() + " is not a record class");
            }
            Method[] accessors = new Method[components.length];
            for (int i = 0; i < components.length; i++) {
                accessors[i] = components[i].getAccessor();
            }
            return accessors;
        }
    };

    private RecordAccessors() {}

    /**
     * The accessors of {@code recordClass}'s components, in declaration order. The array is shared:
     * callers must not modify it.
     *
     * @throws IllegalArgumentException if {@code recordClass} is not a record class
     */
    public static Method[] of(Class<?> recordClass) {
        return ACCESSORS.get(recordClass);
    }
}
