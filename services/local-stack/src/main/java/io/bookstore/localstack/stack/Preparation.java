package io.bookstore.localstack.stack;

import java.io.IOException;

/** What must exist on disk before a part's process starts (generated configs, formatted storage). */
@FunctionalInterface
public interface Preparation {

    Preparation NONE = tools -> { };

    void prepare(ToolRunner tools) throws IOException, InterruptedException;
}
