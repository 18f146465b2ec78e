package dev.regbench.reports.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

/**
 * One JUnit XML test report (surefire's {@code TEST-<class>.xml}): the counts of one test class.
 * The claims ledger reads them for claims decided by tests (C16: no thread leaks across
 * start/stop cycles). Immutable; thread-safe.
 *
 * @param name     the test class, qualified
 * @param tests    tests run
 * @param failures tests that failed an assertion
 * @param errors   tests that threw
 * @param skipped  tests skipped
 */
public record TestReport(String name, int tests, int failures, int errors, int skipped) {

    /** The class's simple name. */
    public String simpleName() {
        return name.substring(name.lastIndexOf('.') + 1);
    }

    /** Reads a surefire XML report (external entities and DTDs refused). */
    public static TestReport read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            Element suite = f.newDocumentBuilder().parse(in).getDocumentElement();
            if (!suite.getTagName().equals("testsuite")) {
                throw new ResultFileException(file, "not a JUnit XML report (root element <" + suite.getTagName() + ">)");
            }
            return new TestReport(suite.getAttribute("name"), count(suite, "tests", file), count(suite, "failures", file),
                    count(suite, "errors", file), count(suite, "skipped", file));
        } catch (IOException e) {
            throw new ResultFileException(file, "cannot read: " + e, e);
        } catch (SAXException | ParserConfigurationException e) {
            throw new ResultFileException(file, "malformed XML: " + e.getMessage(), e);
        }
    }

    private static int count(Element suite, String attribute, Path file) {
        String v = suite.getAttribute(attribute);
        if (v.isEmpty()) {
            return 0;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new ResultFileException(file, "attribute '" + attribute + "' is not a count: " + v, e);
        }
    }
}
