package vn.kyso.verify;

import java.time.Clock;
import java.time.Duration;

import vn.kyso.pki.CrlClient;
import vn.kyso.pki.HttpFetcher;
import vn.kyso.pki.OcspClient;
import vn.kyso.pki.TrustStore;

/**
 * What the checks need from outside: the trust store, the online clients and the clock.
 *
 * @param online false to use only evidence embedded in the document (no OCSP, CRL or AIA downloads)
 */
record VerifierSettings(TrustStore trustStore, HttpFetcher http, OcspClient ocsp, CrlClient crl, Clock clock,
                        boolean online, Duration localTimeSkewTolerance) {
}
