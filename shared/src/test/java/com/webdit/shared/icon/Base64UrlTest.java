package com.webdit.shared.icon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Our base64url (GWT has no java.util.Base64) against the JDK's, and its one spelling per bytes. */
class Base64UrlTest {
  @Test
  void matchesTheJdkForEveryLength() {
    Random r = new Random(1);
    for (int n = 0; n < 70; n++) {
      byte[] b = new byte[n];
      r.nextBytes(b);
      String jdk = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
      assertEquals(jdk, Base64Url.encode(b), "encode " + n);
      assertEquals(jdk.length(), Base64Url.encodedLength(n));
      assertArrayEquals(b, Base64Url.decode(jdk), "decode " + n);
    }
  }

  @Test
  void refusesWhatIsNotOneSpelling() {
    assertThrows(IllegalArgumentException.class, () -> Base64Url.decode("AAAAA"), "5 characters");
    assertThrows(IllegalArgumentException.class, () -> Base64Url.decode("AB=="), "padding");
    assertThrows(IllegalArgumentException.class, () -> Base64Url.decode("AB+/"), "plain base64");
    assertThrows(IllegalArgumentException.class, () -> Base64Url.decode("AB"), "unused bits set: AA is the spelling");
  }
}
