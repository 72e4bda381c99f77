package com.webdit.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;
import org.junit.jupiter.params.provider.ArgumentsSource;
import org.junit.jupiter.params.support.ParameterDeclarations;
import org.openqa.selenium.remote.RemoteWebDriver;

/**
 * The browsers a test class runs in (@InEachBrowser): Chromium (Tint compiles its WGSL, SwiftShader
 * runs it) and Firefox (naga and wgpu, on Mesa's lavapipe). Each names itself in the test's name and
 * at the head of every failure.
 */
enum Browser {
  CHROMIUM("Chromium"),
  FIREFOX("Firefox");

  private final String displayName;

  Browser(String displayName) {
    this.displayName = displayName;
  }

  /** A new headless browser; webgpu false leaves it without an adapter (Chromium) or navigator.gpu (Firefox). */
  RemoteWebDriver open(boolean webgpu) {
    try {
      return this == CHROMIUM ? Browsers.chromium(webgpu) : Browsers.firefox(webgpu);
    } catch (RuntimeException e) {
      throw new IllegalStateException(displayName + " did not start: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return displayName;
  }

  /**
   * Runs the annotated test class once per browser, the browser injected into a field
   * {@code @Parameter Browser browser} or into {@code @BeforeParameterizedClassInvocation} methods.
   */
  @Target(ElementType.TYPE)
  @Retention(RetentionPolicy.RUNTIME)
  @ParameterizedClass(name = "{0}")
  @ArgumentsSource(Selected.class)
  @ExtendWith(NamedInFailures.class)
  @interface InEachBrowser {}

  /** Every browser, or those named in -Dbrowsers=Firefox,Chromium (to rerun one quickly). */
  static List<Browser> selected() {
    String wanted = System.getProperty("browsers", "").trim().toLowerCase(Locale.ROOT);
    List<String> names = Arrays.asList(wanted.split("\\s*,\\s*"));
    return Arrays.stream(values())
        .filter(b -> wanted.isEmpty() || names.contains(b.displayName.toLowerCase(Locale.ROOT)))
        .toList();
  }

  /** The arguments of @InEachBrowser: selected(). */
  static final class Selected implements ArgumentsProvider {
    @Override
    public Stream<? extends Arguments> provideArguments(ParameterDeclarations parameters, ExtensionContext context) {
      return selected().stream().map(Arguments::of);
    }
  }

  /** Puts "Firefox: " or "Chromium: " before a failure's message, wherever a report shows it. */
  static final class NamedInFailures implements TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {
    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable t) throws Throwable {
      throw named(context, t);
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable t) throws Throwable {
      throw named(context, t);
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable t) throws Throwable {
      throw named(context, t);
    }

    @Override
    public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable t) throws Throwable {
      throw named(context, t);
    }

    @Override
    public void handleAfterAllMethodExecutionException(ExtensionContext context, Throwable t) throws Throwable {
      throw named(context, t);
    }

    private static Throwable named(ExtensionContext context, Throwable t) {
      for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
        for (Browser b : values()) {
          if (c.getDisplayName().equals(b.displayName)) {
            String prefix = b.displayName + ": ";
            if (String.valueOf(t.getMessage()).startsWith(prefix)) {
              return t;
            }
            AssertionError e = new AssertionError(prefix + t.getMessage(), t);
            e.setStackTrace(t.getStackTrace());
            return e;
          }
        }
      }
      return t;
    }
  }
}
