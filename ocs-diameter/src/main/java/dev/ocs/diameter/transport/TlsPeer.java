package dev.ocs.diameter.transport;

import dev.ocs.core.config.TlsConfig;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.net.Socket;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Diameter over TLS (RFC 6733 13): TLS from the first byte of an accepted connection, and the peer's
 * Origin-Host bound to its certificate: the CER's Origin-Host must be one of the certificate's DNS
 * subject alternative names (or, for a certificate without any, its common name), compared without
 * case, so a gateway cannot present one operator-issued certificate and claim another's identity.
 */
final class TlsPeer {

    private TlsPeer() {
    }

    /** The accepted socket as the server side of a TLS connection; the handshake runs on the first read. */
    static Socket accept(Socket plain, SSLContext context, TlsConfig tls) throws IOException {
        SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket(plain,
                plain.getInetAddress().getHostAddress(), plain.getPort(), true);
        s.setUseClientMode(false);
        s.setEnabledProtocols(tls.protocols());
        s.setNeedClientAuth(tls.clientAuth());
        return s;
    }

    /**
     * Why {@code originHost} may not use this connection, or {@code null} when it may: a plain connection
     * or one without a client certificate (client-auth off) binds nothing.
     */
    static String mismatch(Socket socket, String originHost) {
        if (!(socket instanceof SSLSocket ssl)) {
            return null;
        }
        Certificate[] chain;
        try {
            chain = ssl.getSession().getPeerCertificates();
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
        if (chain.length == 0 || !(chain[0] instanceof X509Certificate cert)) {
            return "no X.509 certificate";
        }
        List<String> names = names(cert);
        for (String n : names) {
            if (n.equalsIgnoreCase(originHost)) {
                return null;
            }
        }
        return "Origin-Host " + originHost + " is not named in its certificate " + names;
    }

    static List<String> names(X509Certificate cert) {
        List<String> dns = new ArrayList<>();
        try {
            Collection<List<?>> sans = cert.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    if (Integer.valueOf(2).equals(san.get(0))) {
                        dns.add(String.valueOf(san.get(1)).toLowerCase(Locale.ROOT));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            return List.of();
        }
        if (!dns.isEmpty()) {
            return dns;
        }
        try {
            for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    dns.add(String.valueOf(rdn.getValue()).toLowerCase(Locale.ROOT));
                }
            }
        } catch (InvalidNameException e) {
            return List.of();
        }
        return dns;
    }
}
