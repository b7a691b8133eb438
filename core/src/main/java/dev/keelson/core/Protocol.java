package dev.keelson.core;

/** The transport protocol of a {@link Port}. Default: {@code TCP}. */
public enum Protocol {
    TCP,
    UDP,
    SCTP
}
