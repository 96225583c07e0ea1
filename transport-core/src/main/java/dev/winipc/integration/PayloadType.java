package dev.winipc.integration;

/**
 * How inbound endpoints present the bytes they receive.
 *
 * @since 0.1.0
 */
public enum PayloadType {

	/** A {@code byte[]} payload, the bytes as received. */
	BYTES,

	/** A {@code String} payload, decoded with the endpoint's charset. */
	STRING

}
