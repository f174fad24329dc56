/* The 正文 editor: Quill 2 (vendored, static/vendor/quill) on every textarea[data-rich-editor].
   The textarea stays the form field: the editor's semantic HTML is copied into it on submit, and
   the server sanitises it (core.html.sanitize_html). Pasting from Word keeps headings, lists (Quill
   turns Word's mso-list paragraphs into real lists) and tables, and drops Word's styles. Without
   JavaScript the plain textarea is used. */
(function () {
  "use strict";
  if (!window.Quill) return;
  var TOOLBAR = [
    [{ header: [2, 3, 4, false] }],
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

  // --- Word paste -------------------------------------------------------------------------------
  // Word's clipboard HTML is full of style attributes; letting the browser parse them (as Quill's
  // own clipboard does) breaks the console's CSP (style-src 'self') once per attribute. So the HTML
  // is cleaned as a string first: <style> blocks are read (for the @list bullet definitions) and
  // removed, style attributes renamed to data-word-style; then Word's mso-list paragraphs become
  // real <ul>/<ol> lists and everything else Word added is dropped before Quill sees it.
  var STYLE_ATTR = /(<[^>]*?)\sstyle\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi;

  function wordBullets(html) {
    var bullets = {};
    var styles = html.match(/<style[^>]*>[\s\S]*?<\/style>/gi) || [];
    styles.forEach(function (block) {
      var re = /@list\s+l(\d+):level(\d+)\s*\{([^}]*)\}/gi, m;
      while ((m = re.exec(block))) {
        if (/mso-level-number-format:\s*bullet/i.test(m[3])) bullets["l" + m[1] + ":" + m[2]] = true;
      }
    });
    return bullets;
  }

  function cleanWordHtml(html) {
    var bullets = wordBullets(html);
    var safe = html.replace(/<style[^>]*>[\s\S]*?<\/style>/gi, "");
    var prev;
    do { prev = safe; safe = safe.replace(STYLE_ATTR, "$1 data-word-style=$2"); } while (safe !== prev);
    var doc = new DOMParser().parseFromString(safe, "text/html");
    // The bullet or number Word draws itself: between <![if !supportLists]> and <![endif]>.
    var walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_COMMENT);
    var starts = [], node;
    while ((node = walker.nextNode())) { if (/\[if !supportLists\]/.test(node.data)) starts.push(node); }
    starts.forEach(function (start) {
      var n = start.nextSibling;
      while (n && !(n.nodeType === 8 && /\[endif\]/.test(n.data))) { var next = n.nextSibling; n.remove(); n = next; }
      if (n) n.remove();
      start.remove();
    });
    doc.querySelectorAll("[data-word-style*='mso-list:Ignore' i], [data-word-style*='mso-list: Ignore' i]").forEach(function (el) { el.remove(); });
    // Consecutive mso-list paragraphs become one list, nested by level.
    var items = Array.prototype.slice.call(doc.querySelectorAll("p[data-word-style*='mso-list' i], h1[data-word-style*='mso-list' i]"));
    var stack = [];
    items.forEach(function (p) {
      var m = /mso-list:\s*l(\d+)\s+level(\d+)/i.exec(p.getAttribute("data-word-style") || "");
      if (!m) return;
      var level = parseInt(m[2], 10), tag = bullets["l" + m[1] + ":" + m[2]] ? "UL" : "OL";
      var prevEl = p.previousElementSibling;
      var continuing = stack.length && prevEl && prevEl === stack[0].list;
      if (!continuing) stack = [];
      while (stack.length && stack[stack.length - 1].level > level) stack.pop();
      var top = stack[stack.length - 1];
      if (!top || top.level < level) {
        var list = doc.createElement(tag);
        if (top && top.lastItem) top.lastItem.appendChild(list); else p.parentNode.insertBefore(list, p);
        top = { level: level, list: list, lastItem: null };
        stack.push(top);
      }
      var li = doc.createElement("li");
      while (p.firstChild) li.appendChild(p.firstChild);
      top.list.appendChild(li);
      top.lastItem = li;
      p.remove();
    });
    // The page's own <h1> is the document's title: Word's 标题 1…5 become <h2>…<h6>.
    ["H5", "H4", "H3", "H2", "H1"].forEach(function (tag) {
      doc.querySelectorAll(tag).forEach(function (h) {
        var to = doc.createElement("H" + (parseInt(tag.charAt(1), 10) + 1));
        while (h.firstChild) to.appendChild(h.firstChild);
        h.parentNode.replaceChild(to, h);
      });
    });
    doc.querySelectorAll("[data-word-style]").forEach(function (el) { el.removeAttribute("data-word-style"); });
    doc.querySelectorAll("[class]").forEach(function (el) { el.removeAttribute("class"); });
    doc.querySelectorAll("o\\:p, font, xml, meta, link, title").forEach(function (el) {
      while (el.firstChild) el.parentNode.insertBefore(el.firstChild, el);
      el.remove();
    });
    return doc.body.innerHTML;
  }

  function onPaste(quill, event) {
    var data = event.clipboardData;
    var html = data && data.getData("text/html");
    if (!html || !/style\s*=|<style/i.test(html)) return;  // nothing styled: Quill's own paste
    event.preventDefault();
    event.stopImmediatePropagation();
    var range = quill.getSelection(true);
    var delta = quill.clipboard.convert({ html: cleanWordHtml(html), text: data.getData("text/plain") });
    var Delta = window.Quill.import("delta");
    quill.updateContents(new Delta().retain(range.index).delete(range.length).concat(delta), "user");
    quill.setSelection(range.index + delta.length(), 0, "silent");
    quill.scrollSelectionIntoView();
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
    quill.root.addEventListener("paste", function (e) { onPaste(quill, e); }, true);
    holder.quill = quill;
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("textarea[data-rich-editor]").forEach(setup);
  });
})();
