package org.mlem.spark;

import java.io.Serializable;
import java.util.Comparator;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.mlem.MlemUserException;

/**
 * Sequence ids as the HMM stages read them: a whole-number column's values as {@link Long}, a string
 * column's as {@link String}. Sequences are taken in ascending id order (numbers numerically,
 * strings by {@link String#compareTo}), the order the fit's statistics are summed in.
 */
final class SequenceIds {
    private SequenceIds() {}

    /** Ascending id order; every id of one column has the same type. */
    static final Comparator<Object> ORDER = (Comparator<Object> & Serializable) SequenceIds::compare;

    @SuppressWarnings("unchecked")
    private static int compare(Object a, Object b) {
        return ((Comparable<Object>) a).compareTo(b);
    }

    /** Checks that {@code name} is an id column; returns the Spark SQL type to cast it to. */
    static DataType requireIdColumn(StructType schema, String name) {
        if (name == null || name.isEmpty()) {
            throw new MlemUserException("sequenceCol is not set; name the column that holds each row's sequence id");
        }
        if (!java.util.Arrays.asList(schema.fieldNames()).contains(name)) {
            throw new MlemUserException("no sequence id column '" + name + "'; the Dataset has columns "
                    + java.util.Arrays.toString(schema.fieldNames()));
        }
        DataType t = schema.apply(name).dataType();
        if (t.equals(DataTypes.StringType)) {
            return DataTypes.StringType;
        }
        if (t.equals(DataTypes.LongType) || t.equals(DataTypes.IntegerType) || t.equals(DataTypes.ShortType)
                || t.equals(DataTypes.ByteType)) {
            return DataTypes.LongType;
        }
        throw new MlemUserException("sequence id column '" + name + "' has type " + t.simpleString()
                + "; it must hold whole numbers or strings");
    }
}
