/* The floor of the benchmark: the least work any tool must do to turn the corpus into HTML.
 *
 *     floor CONTENT_DIR OUT_DIR
 *
 * Reads every *.md under CONTENT_DIR (recursively, hidden entries skipped), drops the YAML front matter, parses
 * the body with cmark-gfm and its table, strikethrough, autolink, tagfilter and tasklist extensions, renders HTML
 * with CMARK_OPT_DEFAULT and writes it to OUT_DIR/<name>.html. Single-threaded; no templates, no extraction.
 *
 * Build: gcc -O2 -o bench/floor/floor bench/floor/floor.c $(pkg-config --cflags --libs libcmark-gfm) \
 *            -lcmark-gfm-extensions
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

static const char *EXTENSIONS[] = {"table", "strikethrough", "autolink", "tagfilter", "tasklist"};

static const char *out_dir;
static long files_done;
static long long bytes_in, bytes_out;

static int read_file(const char *path, char **data, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return -1;
  size_t cap = 16384, n = 0;
  char *buf = malloc(cap);
  if (!buf) {
    fclose(f);
    return -1;
  }
  for (;;) {
    if (n == cap) {
      cap *= 2;
      char *grown = realloc(buf, cap);
      if (!grown) {
        free(buf);
        fclose(f);
        return -1;
      }
      buf = grown;
    }
    size_t got = fread(buf + n, 1, cap - n, f);
    n += got;
    if (got == 0) break;
  }
  int failed = ferror(f);
  fclose(f);
  if (failed) {
    free(buf);
    return -1;
  }
  *data = buf;
  *len = n;
  return 0;
}

/* Length of the line starting at p (without its \n or \r\n), and where the next line starts. */
static size_t line_at(const char *p, const char *end, const char **next) {
  const char *nl = memchr(p, '\n', (size_t)(end - p));
  const char *stop = nl ? nl : end;
  *next = nl ? nl + 1 : end;
  if (stop > p && stop[-1] == '\r') stop--;
  return (size_t)(stop - p);
}

/* The body after the front matter: from the line after the closing `---` (or `...`), or the whole text. */
static const char *skip_front_matter(const char *data, size_t len) {
  const char *end = data + len, *p = data, *next;
  if (len >= 3 && (unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBB && (unsigned char)p[2] == 0xBF) p += 3;
  size_t n = line_at(p, end, &next);
  if (n != 3 || memcmp(p, "---", 3) != 0) return data;
  for (p = next; p < end; p = next) {
    n = line_at(p, end, &next);
    if (n == 3 && (memcmp(p, "---", 3) == 0 || memcmp(p, "...", 3) == 0)) return next;
  }
  return data; /* not closed: not front matter */
}

static int render_file(const char *path, const char *name) {
  char *data;
  size_t len;
  if (read_file(path, &data, &len) != 0) {
    fprintf(stderr, "floor: cannot read %s: %s\n", path, strerror(errno));
    return -1;
  }
  const char *body = skip_front_matter(data, len);

  cmark_parser *parser = cmark_parser_new(CMARK_OPT_DEFAULT);
  for (size_t i = 0; i < sizeof EXTENSIONS / sizeof *EXTENSIONS; i++) {
    cmark_syntax_extension *ext = cmark_find_syntax_extension(EXTENSIONS[i]);
    if (!ext || !cmark_parser_attach_syntax_extension(parser, ext)) {
      fprintf(stderr, "floor: cmark-gfm extension %s is missing\n", EXTENSIONS[i]);
      exit(2);
    }
  }
  cmark_parser_feed(parser, body, (size_t)(data + len - body));
  cmark_node *doc = cmark_parser_finish(parser);
  char *html = cmark_render_html(doc, CMARK_OPT_DEFAULT, cmark_parser_get_syntax_extensions(parser));
  size_t html_len = strlen(html);

  size_t base = strlen(name) - 3; /* without ".md" */
  size_t out_len = strlen(out_dir) + 1 + base + 6;
  char *out_path = malloc(out_len);
  snprintf(out_path, out_len, "%s/%.*s.html", out_dir, (int)base, name);
  int rc = 0;
  FILE *f = fopen(out_path, "wb");
  if (!f || fwrite(html, 1, html_len, f) != html_len) {
    fprintf(stderr, "floor: cannot write %s: %s\n", out_path, strerror(errno));
    rc = -1;
  }
  if (f && fclose(f) != 0) rc = -1;

  bytes_in += (long long)len;
  bytes_out += (long long)html_len;
  files_done++;
  free(out_path);
  cmark_get_default_mem_allocator()->free(html);
  cmark_node_free(doc);
  cmark_parser_free(parser);
  free(data);
  return rc;
}

static int walk(const char *dir) {
  DIR *d = opendir(dir);
  if (!d) {
    fprintf(stderr, "floor: cannot open %s: %s\n", dir, strerror(errno));
    return -1;
  }
  int rc = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    if (e->d_name[0] == '.') continue; /* ., .. and hidden entries, as perfsite skips them */
    size_t plen = strlen(dir) + 1 + strlen(e->d_name) + 1;
    char *path = malloc(plen);
    snprintf(path, plen, "%s/%s", dir, e->d_name);
    int is_dir = e->d_type == DT_DIR, is_reg = e->d_type == DT_REG;
    if (e->d_type == DT_UNKNOWN || e->d_type == DT_LNK) {
      struct stat st;
      if (stat(path, &st) == 0) {
        is_dir = S_ISDIR(st.st_mode);
        is_reg = S_ISREG(st.st_mode);
      }
    }
    size_t n = strlen(e->d_name);
    if (is_dir) {
      if (walk(path) != 0) rc = -1;
    } else if (is_reg && n > 3 && strcmp(e->d_name + n - 3, ".md") == 0) {
      if (render_file(path, e->d_name) != 0) rc = -1;
    }
    free(path);
  }
  closedir(d);
  return rc;
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: floor CONTENT_DIR OUT_DIR\n");
    return 2;
  }
  out_dir = argv[2];
  if (mkdir(out_dir, 0777) != 0 && errno != EEXIST) {
    fprintf(stderr, "floor: cannot create %s: %s\n", out_dir, strerror(errno));
    return 2;
  }
  cmark_gfm_core_extensions_ensure_registered();
  int rc = walk(argv[1]);
  fprintf(stderr, "floor: %ld files, %lld bytes of Markdown, %lld bytes of HTML\n", files_done, bytes_in, bytes_out);
  return rc == 0 && files_done > 0 ? 0 : 1;
}
