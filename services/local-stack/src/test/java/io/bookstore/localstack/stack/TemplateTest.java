package io.bookstore.localstack.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {

    @Test
    void replacesEveryPlaceholder() {
        String rendered = Template.render("a=${one}\nb=${two}:${one}\n", Map.of("one", "1", "two", "$2\\"));

        assertThat(rendered).isEqualTo("a=1\nb=$2\\:1\n");
    }

    @Test
    void anUnknownPlaceholderIsAnError() {
        assertThatThrownBy(() -> Template.render("log.dirs=${log.dirs}", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("${log.dirs}");
    }
}
