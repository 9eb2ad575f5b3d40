package io.thingstead;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The repository explains itself (README: Contributing): comments cite only documents that are in
 * it, by a section that exists; every package says what it owns; the README's layout names every
 * package.
 */
class RepositoryDocsTest {
    private static final Path MAIN = Path.of("src/main/java/io/thingstead");

    /** Documents outside the repository that comments once cited, and must not again. */
    private static final List<String> ELSEWHERE =
            List.of("reference §", "connio-v3-reference", "DECISIONS", "ARCHITECTURE.md", "notes/", "the seed");

    /** {@code README: Section} or {@code docs/file.md: Section}; group 2 is the text after it, which starts with the section. */
    private static final Pattern CITATION = Pattern.compile("(README|docs/[\\w.-]+\\.md): (?=(\\S.{0,80}))");

    private static final Pattern DOC_PATH = Pattern.compile("docs/[\\w.-]+\\.md");

    @Test
    void sources_citeNoDocumentOutsideTheRepository() {
        List<String> found = new ArrayList<>();
        for (Path f : sources()) {
            String text = read(f);
            for (String name : ELSEWHERE) {
                if (text.contains(name)) {
                    found.add(f + " cites " + name);
                }
            }
        }
        assertThat(found).isEmpty();
    }

    @Test
    void citedDocumentsAndSections_exist() {
        List<String> missing = new ArrayList<>();
        for (Path f : sources()) {
            String text = joinedComments(read(f));
            Matcher paths = DOC_PATH.matcher(text);
            while (paths.find()) {
                if (!Files.exists(Path.of(paths.group()))) {
                    missing.add(f + ": " + paths.group());
                }
            }
            Matcher m = CITATION.matcher(text);
            while (m.find()) {
                Path doc = Path.of(m.group(1).equals("README") ? "README.md" : m.group(1));
                if (Files.exists(doc) && headings(doc).stream().noneMatch(h -> namesSection(m.group(2), h))) {
                    missing.add(f + ": " + m.group(1) + ": " + m.group(2));
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void everyPackage_saysWhatItOwns() {
        List<String> missing = new ArrayList<>();
        try (Stream<Path> dirs = Files.walk(MAIN)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                boolean hasClasses =
                        list(dir).stream().anyMatch(p -> p.toString().endsWith(".java"));
                Path info = dir.resolve("package-info.java");
                if (hasClasses && (!Files.exists(info) || !read(info).contains("/**"))) {
                    missing.add(dir.toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void readmeLayout_namesEveryPackage() {
        String readme = read(Path.of("README.md"));
        String fromLayout = readme.substring(readme.indexOf("## Layout"));
        String layout = fromLayout.substring(0, fromLayout.indexOf("\n## ", 1));
        Set<String> packages = new TreeSet<>();
        for (Path dir : list(MAIN)) {
            if (Files.isDirectory(dir)) {
                packages.add(dir.getFileName().toString());
            }
        }

        assertThat(packages).isNotEmpty().allSatisfy(p -> assertThat(layout).contains("| `" + p + "` |"));
    }

    /** Whether the text after a citation starts with the heading, as a whole word. */
    private static boolean namesSection(String text, String heading) {
        return text.startsWith(heading)
                && (text.length() == heading.length() || !Character.isLetterOrDigit(text.charAt(heading.length())));
    }

    /** The text with comment lines joined, so a citation wrapped over two lines reads as one. */
    private static String joinedComments(String text) {
        return text.replaceAll("\\s*\\n\\s*(\\*(?!/)|//|#)?\\s*", " ");
    }

    private static List<String> headings(Path doc) {
        return read(doc)
                .lines()
                .filter(l -> l.startsWith("#"))
                .map(l -> l.replaceFirst("^#+\\s*", ""))
                .toList();
    }

    /** Java sources, the build and scripts, and the documents. */
    private static List<Path> sources() {
        List<Path> out = new ArrayList<>();
        for (String root : List.of("src", "docs", "bench")) {
            try (Stream<Path> files = Files.walk(Path.of(root))) {
                files.filter(Files::isRegularFile)
                        .filter(p -> !p.getFileName().toString().equals("RepositoryDocsTest.java"))
                        .filter(p -> p.toString().matches(".*\\.(java|md|sql|xml|lua)$|.*/run$"))
                        .forEach(out::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        out.addAll(List.of(Path.of("README.md"), Path.of("pom.xml"), Path.of("thingstead"), Path.of(".ci/run")));
        return out;
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
