/* The 正文 editor: Quill 2 (vendored, static/vendor/quill) on every textarea[data-rich-editor].
   The textarea stays the form field: the editor's semantic HTML is copied into it on submit, and
   the server sanitises it (core.html.sanitize_html). Pasting from Word keeps headings, lists (Quill
   turns Word's mso-list paragraphs into real lists) and tables, and drops Word's styles. Without
   JavaScript the plain textarea is used. */
(function () {
  "use strict";
  if (!window.Quill) return;
  var TOOLBAR = [
    [{ header: [1, 2, 3, 4, false] }],
    ["bold", "italic", "underline"],
    [{ list: "ordered" }, { list: "bullet" }, { indent: "-1" }, { indent: "+1" }],
    [{ align: [] }],
    ["link", "blockquote"],
    ["clean"]
  ];

  function semanticHtml(quill) {
    // Quill 2.0 writes every space of the semantic HTML as &nbsp;: give the sanitiser plain spaces.
    var html = quill.getSemanticHTML().replace(/&nbsp;/g, " ");
    return html === "<p></p>" ? "" : html;
  }

  function setup(textarea) {
    var holder = document.createElement("div");
    holder.className = "rich-editor";
    textarea.parentNode.insertBefore(holder, textarea.nextSibling);
    var area = document.createElement("div");
    holder.appendChild(area);
    var quill = new window.Quill(area, {
      theme: "snow",
      modules: { toolbar: TOOLBAR, table: true, clipboard: {} },
      placeholder: textarea.getAttribute("placeholder") || ""
    });
    // The toolbar's own table button (Quill 2's table module has none).
    var group = document.createElement("span");
    group.className = "ql-formats";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "ql-insert-table";
    button.textContent = "插入表格";
    button.addEventListener("click", function () { quill.getModule("table").insertTable(3, 3); });
    group.appendChild(button);
    holder.querySelector(".ql-toolbar").appendChild(group);
    // Chinese names for the toolbar buttons (screen readers read aria-label).
    var NAMES = { "ql-bold": "加粗", "ql-italic": "斜体", "ql-underline": "下划线", "ql-link": "链接",
                  "ql-blockquote": "引用", "ql-clean": "清除格式", "ql-list": "列表", "ql-indent": "缩进" };
    holder.querySelectorAll(".ql-toolbar button").forEach(function (b) {
      Object.keys(NAMES).forEach(function (cls) {
        if (b.classList.contains(cls)) {
          var v = b.value ? ({ ordered: "（编号）", bullet: "（项目符号）", "-1": "（减少）", "+1": "（增加）" }[b.value] || "") : "";
          b.setAttribute("aria-label", NAMES[cls] + v);
        }
      });
    });
    holder.querySelectorAll(".ql-toolbar .ql-picker-label").forEach(function (b) {
      b.setAttribute("aria-label", b.parentNode.classList.contains("ql-header") ? "标题级别" : "对齐");
    });
    if (textarea.value.trim()) {
      quill.setContents(quill.clipboard.convert({ html: textarea.value }), "silent");
    }
    var label = document.querySelector("label[for='" + textarea.id + "']");
    quill.root.setAttribute("role", "textbox");
    quill.root.setAttribute("aria-multiline", "true");
    if (label) {
      if (!label.id) label.id = textarea.id + "_label";
      quill.root.setAttribute("aria-labelledby", label.id);
      label.addEventListener("click", function (e) { e.preventDefault(); quill.focus(); });
    }
    textarea.classList.add("visually-hidden");
    textarea.setAttribute("tabindex", "-1");
    textarea.setAttribute("aria-hidden", "true");
    quill.on("text-change", function () { textarea.value = semanticHtml(quill); });
    if (textarea.form) {
      textarea.form.addEventListener("submit", function () { textarea.value = semanticHtml(quill); });
    }
    holder.quill = quill;
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("textarea[data-rich-editor]").forEach(setup);
  });
})();
