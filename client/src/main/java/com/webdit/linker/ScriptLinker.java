package com.webdit.linker;

import com.google.gwt.core.ext.LinkerContext;
import com.google.gwt.core.ext.TreeLogger;
import com.google.gwt.core.ext.UnableToCompleteException;
import com.google.gwt.core.ext.linker.AbstractLinker;
import com.google.gwt.core.ext.linker.ArtifactSet;
import com.google.gwt.core.ext.linker.CompilationResult;
import com.google.gwt.core.ext.linker.LinkerOrder;
import com.google.gwt.core.ext.linker.Shardable;
import java.util.Set;

/**
 * Links a module into one plain script, {@code <module>/<module>.js}, that runs its entry point
 * while it executes: no bootstrap, no selection script, no permutations, so no {@code __gwt_*}
 * globals, no {@code alert}, no reaction to {@code gwt.codesvr} in the page's URL, and no wait for
 * DOMContentLoaded. Everything the program declares stays inside one function scope.
 *
 * <p>The program reaches the page through {@code $wnd}: here the window itself ({@link
 * #windowExpression}); the embed's linker hands it a guarded view instead.
 */
@LinkerOrder(LinkerOrder.Order.PRIMARY)
@Shardable
public class ScriptLinker extends AbstractLinker {
  @Override
  public String getDescription() {
    return "WebDiT single script";
  }

  /** The JavaScript expression the program sees as {@code $wnd}. */
  protected String windowExpression() {
    return "window";
  }

  /** Declarations after {@code $wnd}'s, in the script's scope (none here). */
  protected String scopeDeclarations() {
    return "";
  }

  @Override
  public ArtifactSet link(TreeLogger logger, LinkerContext context, ArtifactSet artifacts, boolean onePermutation)
      throws UnableToCompleteException {
    if (!onePermutation) {
      return artifacts;
    }
    Set<CompilationResult> results = artifacts.find(CompilationResult.class);
    if (results.size() != 1) {
      logger.log(TreeLogger.ERROR, getDescription() + " needs exactly one permutation (collapse-all-properties), found "
          + results.size());
      throw new UnableToCompleteException();
    }
    CompilationResult result = results.iterator().next();
    String[] js = result.getJavaScript();
    if (js.length != 1) {
      logger.log(TreeLogger.ERROR, getDescription() + " needs one fragment (no GWT.runAsync), found " + js.length);
      throw new UnableToCompleteException();
    }
    String name = context.getModuleName();
    StringBuilder out = new StringBuilder(js[0].length() + 1024);
    out.append("(function () {\n")
        .append("var $wnd = ").append(windowExpression()).append(";\n")
        .append("var $doc = document, $gwt_version = \"").append(com.google.gwt.dev.About.getGwtVersionNum())
        .append("\", $moduleName = \"").append(name).append("\", $moduleBase = \"\", $strongName = \"")
        .append(result.getStrongName()).append("\", $stats = null, $sessionId = null;\n")
        .append(scopeDeclarations())
        .append(js[0])
        .append("\ngwtOnLoad(null, \"").append(name).append("\", \"\", 0);\n})();\n");
    ArtifactSet linked = new ArtifactSet(artifacts);
    linked.add(emitString(logger, out.toString(), name + ".js"));
    return linked;
  }
}
