package dev.regbench.engine.config;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a config {@code Duration} so that any Jackson mapper (not only the config reader) writes
 * it as {@code 30s} and reads {@code 250ms}/{@code 30s}/{@code 5m}/{@code 1h}: the harness can
 * embed a {@link TuningConfig} in its results with its own mapper.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@JacksonAnnotationsInside
@JsonSerialize(using = ConfigMapper.DurationSerializer.class)
@JsonDeserialize(using = ConfigMapper.DurationDeserializer.class)
@interface ConfigDuration {
}
