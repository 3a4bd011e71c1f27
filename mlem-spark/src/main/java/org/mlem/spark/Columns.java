package org.mlem.spark;

import java.util.Arrays;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;
import org.mlem.MlemUserException;

/** Checks that the columns a stage reads exist with the right types, and that outputs are new. */
final class Columns {
    private Columns() {}

    static void requireVector(StructType schema, String name, String role) {
        DataType t = type(schema, name, role);
        if (!(t instanceof VectorUDT)) {
            throw new MlemUserException(role + " column '" + name + "' has type " + t.simpleString()
                    + "; it must hold vectors (assemble numeric columns with VectorAssembler)");
        }
    }

    static void requireNumeric(StructType schema, String name, String role) {
        if (name == null) {
            return;
        }
        DataType t = type(schema, name, role);
        if (!(t instanceof NumericType)) {
            throw new MlemUserException(role + " column '" + name + "' has type " + t.simpleString()
                    + "; it must be numeric");
        }
    }

    /** A column of yes/no flags: boolean, or numeric holding 0 and 1. */
    static void requireFlags(StructType schema, String name, String role) {
        if (name == null) {
            return;
        }
        DataType t = type(schema, name, role);
        if (!(t instanceof NumericType) && !(t instanceof org.apache.spark.sql.types.BooleanType)) {
            throw new MlemUserException(role + " column '" + name + "' has type " + t.simpleString()
                    + "; it must be boolean or numeric 0/1");
        }
    }

    static void requireAbsent(StructType schema, String name) {
        if (!name.isEmpty() && Arrays.asList(schema.fieldNames()).contains(name)) {
            throw new MlemUserException("output column '" + name + "' already exists; choose another name");
        }
    }

    /** Column {@code name}'s type; none such: one line naming the Dataset's columns. */
    static DataType type(StructType schema, String name, String role) {
        if (!Arrays.asList(schema.fieldNames()).contains(name)) {
            throw new MlemUserException("no " + role + " column '" + name + "'; the Dataset has columns "
                    + Arrays.toString(schema.fieldNames()));
        }
        return schema.apply(name).dataType();
    }
}
