//! Tests across flavours.
