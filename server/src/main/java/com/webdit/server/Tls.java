package com.webdit.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * HTTPS from a PEM certificate chain and PKCS#8 key, because WebGPU needs a secure context and a
 * hosted demo is one only over HTTPS (localhost is exempt). Behind a TLS-terminating proxy, run
 * plain HTTP instead (README).
 */
final class Tls {
  private static final char[] PASSWORD = "webdit".toCharArray(); // in-memory keystore only

  private Tls() {}

  static Connector connector(Server server, HttpConfiguration http, Settings settings) {
    SslContextFactory.Server ssl = new SslContextFactory.Server();
    ssl.setKeyStore(keyStore(settings.tlsCert(), settings.tlsKey()));
    ssl.setKeyStorePassword(new String(PASSWORD));
    HttpConfiguration https = new HttpConfiguration(http);
    // Certificates for localhost or an IP have no usable SNI name; don't refuse those requests.
    https.addCustomizer(new SecureRequestCustomizer(false));
    ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
        new HttpConnectionFactory(https));
    connector.setHost(settings.host());
    connector.setPort(settings.httpsPort());
    return connector;
  }

  static KeyStore keyStore(Path certPem, Path keyPem) {
    try {
      Collection<? extends Certificate> chain;
      try (InputStream in = Files.newInputStream(certPem)) {
        chain = CertificateFactory.getInstance("X.509").generateCertificates(in);
      }
      if (chain.isEmpty()) {
        throw new IllegalArgumentException(certPem + " holds no PEM certificate");
      }
      PrivateKey key = privateKey(Files.readString(keyPem, StandardCharsets.US_ASCII), keyPem);
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry("webdit", key, PASSWORD, chain.toArray(new Certificate[0]));
      return ks;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot load TLS certificate " + certPem + " / key " + keyPem + ": " + e.getMessage(), e);
    }
  }

  private static PrivateKey privateKey(String pem, Path file) throws GeneralSecurityException {
    if (pem.contains("BEGIN RSA PRIVATE KEY") || pem.contains("BEGIN EC PRIVATE KEY")) {
      throw new IllegalArgumentException(file + " is a PKCS#1/SEC1 key; convert it with "
          + "'openssl pkcs8 -topk8 -nocrypt -in " + file + " -out key.pem'");
    }
    int begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
    int end = pem.indexOf("-----END PRIVATE KEY-----");
    if (begin < 0 || end < begin) {
      throw new IllegalArgumentException(file + " holds no unencrypted PKCS#8 key ('BEGIN PRIVATE KEY')");
    }
    String b64 = pem.substring(begin + "-----BEGIN PRIVATE KEY-----".length(), end).replaceAll("\\s", "");
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(b64));
    GeneralSecurityException last = null;
    for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (GeneralSecurityException e) {
        last = e;
      }
    }
    throw last;
  }
}
