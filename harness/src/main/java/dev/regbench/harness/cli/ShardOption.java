package dev.regbench.harness.cli;

import dev.regbench.engine.shard.Shard;
import dev.regbench.engine.shard.ShardUnit;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * picocli converters for {@code --shard I/N} (0-based, see {@link Shard}) and {@code --shard-by}:
 * a bad value is one line naming the value ({@code Invalid value for option '--shard': shard '3/3'
 * is out of range ...}) and exit code 2, like any other usage error.
 */
final class ShardOption implements ITypeConverter<Shard> {

    @Override
    public Shard convert(String value) {
        try {
            return Shard.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    /** The {@code --shard-by} converter. */
    static final class Unit implements ITypeConverter<ShardUnit> {
        @Override
        public ShardUnit convert(String value) {
            try {
                return ShardUnit.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
