"""Fenced-code info strings → Notion's code language enum.

Notion rejects a code block whose language is not one of its fixed values, so every info string a
writer might use has to land on one of them. The enum is copied from the request schema in
notion-contract (LanguageRequest); anything unknown becomes "plain text" rather than failing, and
its name is kept for the block's caption (`unlisted_language`).
It is the page's vocabulary, not one renderer's: the preview labels a code block with the same name.
"""

from __future__ import annotations

NOTION_LANGUAGES: frozenset[str] = frozenset(
    {
        "abap", "abc", "agda", "arduino", "ascii art", "assembly", "bash", "basic", "bnf", "c",
        "c#", "c++", "clojure", "coffeescript", "coq", "css", "dart", "dhall", "diff", "docker",
        "ebnf", "elixir", "elm", "erlang", "f#", "flow", "fortran", "gherkin", "glsl", "go",
        "graphql", "groovy", "haskell", "hcl", "html", "idris", "java", "javascript", "json",
        "julia", "kotlin", "latex", "less", "lisp", "livescript", "llvm ir", "lua", "makefile",
        "markdown", "markup", "matlab", "mathematica", "mermaid", "nix", "notion formula",
        "objective-c", "ocaml", "pascal", "perl", "php", "plain text", "powershell", "prolog",
        "protobuf", "purescript", "python", "r", "racket", "reason", "ruby", "rust", "sass",
        "scala", "scheme", "scss", "shell", "smalltalk", "solidity", "sql", "swift", "toml",
        "typescript", "vb.net", "verilog", "vhdl", "visual basic", "webassembly", "xml", "yaml",
        "java/c/c++/c#",
    }
)  # fmt: skip

PLAIN_TEXT = "plain text"

#: Info-string spellings (GitHub linguist / Pygments names) that are not themselves enum values.
ALIASES: dict[str, str] = {
    "py": "python", "python3": "python", "py3": "python", "ipython": "python", "pycon": "python",
    "pyi": "python", "js": "javascript", "mjs": "javascript", "cjs": "javascript",
    "node": "javascript", "jsx": "javascript", "ts": "typescript", "tsx": "typescript",
    "sh": "shell", "zsh": "shell", "ksh": "shell", "fish": "shell", "console": "shell",
    "shell-session": "shell", "shellsession": "shell", "bash-session": "bash", "yml": "yaml",
    "md": "markdown", "mdx": "markdown", "cpp": "c++", "cxx": "c++", "cc": "c++", "hpp": "c++",
    "h": "c", "cs": "c#", "csharp": "c#", "fs": "f#", "fsharp": "f#", "golang": "go",
    "rs": "rust", "rb": "ruby", "kt": "kotlin", "kts": "kotlin", "pl": "perl",
    "ps1": "powershell", "pwsh": "powershell", "ps": "powershell", "dockerfile": "docker",
    "make": "makefile", "mk": "makefile", "tex": "latex", "math": "latex", "katex": "latex",
    "htm": "html", "xhtml": "html", "svg": "xml", "jsonc": "json", "json5": "json",
    "jsonl": "json", "ndjson": "json", "objc": "objective-c", "objectivec": "objective-c",
    "ml": "ocaml", "hs": "haskell", "clj": "clojure", "cljs": "clojure", "ex": "elixir",
    "exs": "elixir", "erl": "erlang", "coffee": "coffeescript", "vb": "visual basic",
    "vbnet": "vb.net", "asm": "assembly", "nasm": "assembly", "wasm": "webassembly",
    "wat": "webassembly", "proto": "protobuf", "tf": "hcl", "terraform": "hcl", "sol": "solidity",
    "patch": "diff", "udiff": "diff", "text": PLAIN_TEXT, "txt": PLAIN_TEXT, "plain": PLAIN_TEXT,
    "plaintext": PLAIN_TEXT, "none": PLAIN_TEXT, "ascii": "ascii art", "rkt": "racket",
    "scm": "scheme", "jl": "julia", "m": "matlab", "v": "verilog", "sv": "verilog",
    "vhd": "vhdl", "gql": "graphql", "feature": "gherkin", "psql": "sql", "mysql": "sql",
    "postgresql": "sql", "sqlite": "sql", "plsql": "sql", "ll": "llvm ir", "llvm": "llvm ir",
    "ini": "toml", "cfg": "toml", "conf": "plain text", "gradle": "groovy",
}  # fmt: skip


def _named(info: str | None) -> str:
    """The language a fence's info string names, as written (`Python {linenos}` → `Python`)."""
    words = (info or "").split(maxsplit=1)
    word = words[0].strip("{}.") if words else ""
    return word[len("language-") :] if word.lower().startswith("language-") else word


def notion_language(info: str | None) -> str:
    """Map a fence's info string (`py`, `Python {linenos}`, `c++`, …) to a Notion language."""
    word = _named(info).lower()
    if word in NOTION_LANGUAGES:
        return word
    return ALIASES.get(word, PLAIN_TEXT)


def unlisted_language(info: str | None) -> str | None:
    """The name a fence gives that Notion has no language for (`zig`), so it can be kept in view.

    Such a block is sent as "plain text"; the page would otherwise no longer say what the code is.
    None when the fence names no language or one Notion knows (directly or by an alias).
    """
    word = _named(info)
    if not word or word.lower() in NOTION_LANGUAGES or word.lower() in ALIASES:
        return None
    return word
