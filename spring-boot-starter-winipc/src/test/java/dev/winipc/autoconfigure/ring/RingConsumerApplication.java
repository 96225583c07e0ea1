package dev.winipc.autoconfigure.ring;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.integration.annotation.ServiceActivator;

/**
 * A plain Spring Boot application whose only endpoint is the reader of a shared-memory
 * ring, configured by its command line; run as a process of its own by
 * {@link RingConsumerProcessTests}. It prints each record {@code {u32 writer, u32
 * sequence}} as {@code record WRITER SEQUENCE}.
 */
@SpringBootApplication
public class RingConsumerApplication {

	public static void main(String[] args) {
		SpringApplication.run(RingConsumerApplication.class, args);
	}

	@ServiceActivator(inputChannel = "records")
	void record(byte[] record) {
		ByteBuffer bytes = ByteBuffer.wrap(record).order(ByteOrder.LITTLE_ENDIAN);
		System.out.println("record " + bytes.getInt(0) + " " + bytes.getInt(4));
	}

}
