package dev.keelson.core;

/** The transport protocol of a {@link Port}. Default: {@code TCP}. */
public enum Protocol {
    /** TCP, what almost every service speaks. */
    TCP,
    /** UDP (DNS, some metrics and streaming protocols). */
    UDP,
    /** SCTP (telecom signalling). */
    SCTP
}
