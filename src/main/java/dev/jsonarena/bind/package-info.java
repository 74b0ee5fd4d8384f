/**
 * Binding: the binders that turn parsed values into Java objects and write Java objects through the
 * generator. {@link dev.jsonarena.bind.Codecs} holds one binder per type ({@link
 * dev.jsonarena.bind.Codec}), built on first use; binders read through the public views
 * ({@link dev.jsonarena.JsonCursor}, {@link dev.jsonarena.JsonKey}) and write through
 * {@link dev.jsonarena.JsonWriter}. The public entry is {@link dev.jsonarena.JsonCodecs}.
 */
package dev.jsonarena.bind;
