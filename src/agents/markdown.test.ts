import { describe, expect, it } from "vitest";
import { markdownToHtml } from "./markdown";

describe("markdownToHtml", () => {
  it("renders paragraphs, line breaks, headings, lists, rules and code blocks", () => {
    const markdown =
      "# Title\n\nFirst line\nsecond line\n\n- one\n- two\n\n1. first\n2. second\n\n---\n```\nconst a = 1 < 2;\n```";
    expect(markdownToHtml(markdown)).toBe(
      [
        "<h1>Title</h1>",
        "<p>First line<br>second line</p>",
        "<ul><li>one</li><li>two</li></ul>",
        "<ol><li>first</li><li>second</li></ol>",
        "<hr>",
        "<pre><code>const a = 1 &lt; 2;</code></pre>",
      ].join("\n"),
    );
  });

  it("renders emphasis, code spans and links, leaving markers inside code and URLs alone", () => {
    expect(
      markdownToHtml("**bold**, *it*, _it_, `a_b_c`, [docs](https://x.io/a_b_c) and snake_case_name"),
    ).toBe(
      '<p><strong>bold</strong>, <em>it</em>, <em>it</em>, <code>a_b_c</code>, <a href="https://x.io/a_b_c">docs</a> and snake_case_name</p>',
    );
    expect(markdownToHtml("[`code` label](https://x.io)")).toBe(
      '<p><a href="https://x.io"><code>code</code> label</a></p>',
    );
  });

  it("escapes markup and keeps only http(s) and mailto links", () => {
    expect(markdownToHtml('<script>alert("x")</script> & [x](javascript:alert(1))')).toBe(
      "<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; [x](javascript:alert(1))</p>",
    );
    expect(markdownToHtml("[mail](mailto:a@b.io) <3>")).toBe(
      '<p><a href="mailto:a@b.io">mail</a> &lt;3&gt;</p>',
    );
  });
});
