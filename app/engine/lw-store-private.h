/* lw-store-private.h: what the store's source files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <string.h>
#include <sqlite3.h>

#include "lw-store.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* A cached statement lent out by _lw_store_stmt(): the cleanup resets it
 * and clears its bindings instead of finalizing it. */
typedef sqlite3_stmt LwLentStmt;

static inline void
lw_lent_stmt_release (LwLentStmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwLentStmt, lw_lent_stmt_release)

/* The statements of the hot paths, prepared once per connection. */
typedef enum
{
  LW_STMT_BEGIN,
  LW_STMT_COMMIT,
  LW_STMT_ROLLBACK,
  LW_STMT_INSERT_LEAD_CHUNK,
  LW_STMT_INSERT_EVENT_CHUNK,
  LW_STMT_COUNT_WRITES,
  LW_STMT_INSERT_LABEL,
  LW_STMT_LEAD_CHUNKS_OF_BLOCK,
  LW_STMT_EVENT_CHUNKS_OF_BLOCK,
  LW_STMT_LEAD_CHUNKS_OF_RUN,
  LW_N_STMTS
} LwStmt;

typedef struct _LwRunWriter LwRunWriter;

struct _LwStore
{
  gatomicrefcount  ref_count;
  GRecMutex        lock;
  sqlite3         *db;
  char            *path;
  sqlite3_stmt    *stmts[LW_N_STMTS];
  GHashTable      *writers;        /* run id (gint64 *) -> LwRunWriter */
};

/* Lead records are stored in blocks of 4096 consecutive ids: reading one
 * lead decodes at most one block's records. */
#define LW_BLOCK_SHIFT 12
#define LW_BLOCK_SIZE  (1u << LW_BLOCK_SHIFT)

/* Events in blocks of 65536 lead ids: a batch of events spread over a
 * whole run's leads (activities of old leads, re-scoring) still writes few
 * rows, and one lead's events are still found among a few rows. */
#define LW_EVENT_BLOCK_SHIFT 16
#define LW_EVENT_BLOCK_SIZE  (1u << LW_EVENT_BLOCK_SHIFT)

/* ---- the fixed-width record of one lead ("facts") --------------------------
 *
 * Little-endian. Times are seconds relative to the run's sim_start, as
 * int32; LW_FACT_NONE means "did not happen". Indexes that do not fit are
 * refused when writing; 0xff / 0xffff mean "none". After the fixed part come
 * n_stages int32 stage entry times. */

#define LW_FACT_NONE        G_MININT32
#define LW_FACT_NONE8       0xffu
#define LW_FACT_NONE16      0xffffu

enum
{
  LW_FACT_ID          = 0,    /* u32 */
  LW_FACT_CREATED     = 4,    /* i32 */
  LW_FACT_ASSIGNED    = 8,    /* i32 */
  LW_FACT_TOUCH       = 12,   /* i32 */
  LW_FACT_DEADLINE    = 16,   /* i32 */
  LW_FACT_TTFT        = 20,   /* i32, -1 untouched */
  LW_FACT_FIT         = 24,   /* f32 */
  LW_FACT_ENGAGEMENT  = 28,   /* f32 */
  LW_FACT_OWNER       = 32,   /* u16 */
  LW_FACT_ROUTED      = 34,   /* u16 */
  LW_FACT_SLA_REP     = 36,   /* u16 */
  LW_FACT_RULE        = 38,   /* u16 */
  LW_FACT_REGION      = 40,   /* u16 */
  LW_FACT_SEGMENT     = 42,   /* u16 */
  LW_FACT_SOURCE      = 44,   /* u8 */
  LW_FACT_STAGE       = 45,   /* u8 */
  LW_FACT_MAX_STAGE   = 46,   /* u8 */
  LW_FACT_STATUS      = 47,   /* u8 */
  LW_FACT_POLICY      = 48,   /* u8 */
  LW_FACT_POOL        = 49,   /* u8 */
  LW_FACT_ESCALATIONS = 50,   /* u8 */
  LW_FACT_REASSIGNED  = 51,   /* u8 */
  LW_FACT_FLAGS       = 52,   /* u8, LwFactFlags */
  LW_FACT_FALLBACK_WHY = 53,  /* u8, LwFallbackReason; 0 in older records */
  LW_FACT_ENTRY_POINT = 54,   /* u16 */
  LW_FACT_REACHED     = 56,   /* u64, a bit per stage; 0 = not recorded */
  LW_FACT_ADVANCED    = 64,   /* u64, a bit per stage */
  LW_FACT_STAGES      = 72,   /* i32 * n_stages */
};

typedef enum
{
  LW_FACT_FALLBACK     = 1 << 0,
  LW_FACT_BREACHED     = 1 << 1,
  LW_FACT_MQL          = 1 << 2,
  LW_FACT_CONVERTED    = 1 << 3,
  LW_FACT_DISQUALIFIED = 1 << 4,
  LW_FACT_RECYCLED     = 1 << 5,
  LW_FACT_WARNED       = 1 << 6,
} LwFactFlags;

static inline gsize
lw_fact_size (guint n_stages)
{
  return LW_FACT_STAGES + 4 * (gsize) n_stages;
}

static inline guint64
lw_get_u64 (const guint8 *p)
{
  guint64 v;
  memcpy (&v, p, 8);
  return GUINT64_FROM_LE (v);
}

static inline void
lw_put_u64 (guint8  *p,
            guint64  v)
{
  v = GUINT64_TO_LE (v);
  memcpy (p, &v, 8);
}

static inline guint32
lw_get_u32 (const guint8 *p)
{
  guint32 v;
  memcpy (&v, p, 4);
  return GUINT32_FROM_LE (v);
}

static inline gint32
lw_get_i32 (const guint8 *p)
{
  return (gint32) lw_get_u32 (p);
}

static inline guint
lw_get_u16 (const guint8 *p)
{
  guint16 v;
  memcpy (&v, p, 2);
  return GUINT16_FROM_LE (v);
}

static inline float
lw_get_f32 (const guint8 *p)
{
  guint32 bits = lw_get_u32 (p);
  float v;
  memcpy (&v, &bits, 4);
  return v;
}

static inline void
lw_put_u32 (guint8  *p,
            guint32  v)
{
  v = GUINT32_TO_LE (v);
  memcpy (p, &v, 4);
}

static inline void
lw_put_u16 (guint8 *p,
            guint   v)
{
  guint16 le = GUINT16_TO_LE ((guint16) v);
  memcpy (p, &le, 2);
}

static inline void
lw_put_f32 (guint8 *p,
            float   v)
{
  guint32 bits;
  memcpy (&bits, &v, 4);
  lw_put_u32 (p, bits);
}

/* An 8-bit or 16-bit index field as an int, -1 for none. */
static inline int
lw_fact_index8 (const guint8 *record,
                guint         offset)
{
  guint v = record[offset];
  return v == LW_FACT_NONE8 ? -1 : (int) v;
}

static inline int
lw_fact_index16 (const guint8 *record,
                 guint         offset)
{
  guint v = lw_get_u16 (record + offset);
  return v == LW_FACT_NONE16 ? -1 : (int) v;
}

/* ---- what a query knows about a run ----------------------------------------- */

typedef struct
{
  char *id;
  char *label;
} LwRunLabel;

typedef struct
{
  char  *id;
  char  *name;
  int    team;
  guint  capacity;
  guint  weight;
} LwRunRep;

typedef enum
{
  LW_LABEL_STAGE,
  LW_LABEL_STATUS,
  LW_LABEL_SOURCE,
  LW_LABEL_RULE,
  LW_LABEL_POLICY,
  LW_LABEL_TEAM,
  LW_LABEL_POOL,
  LW_LABEL_REGION,
  LW_LABEL_SEGMENT,
  LW_LABEL_ENTRY_POINT,
  LW_N_LABEL_KINDS
} LwLabelKind;

extern const char * const lw_label_kind_names[LW_N_LABEL_KINDS];

typedef struct
{
  gint64       id;
  LwRunStatus  status;
  LwTime       sim_start;
  guint        days;
  guint        n_stages;
  GArray      *labels[LW_N_LABEL_KINDS];   /* LwRunLabel, by index */
  GArray      *reps;                       /* LwRunRep, by index */
  GArray      *pool_members;               /* GArray of int per pool */
} LwRunCtx;

void      _lw_run_ctx_free         (LwRunCtx *ctx);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwRunCtx, _lw_run_ctx_free)

/* Loads run @run; @run 0 is the latest finished run. */
LwRunCtx *_lw_store_load_run_ctx   (LwStore   *self,
                                    gint64     run,
                                    GError   **error);

/* Decodes the next event of an event chunk of @block at *@p (moved past
 * it), whose times run on from *@t (moved to it). Its detail is copied
 * when @keep_detail says so (the lead is known by then); else left NULL.
 * FALSE, with nothing allocated, when the bytes are not a valid event. */
gboolean  _lw_store_decode_event   (const guint8 **p,
                                    const guint8  *end,
                                    guint          block,
                                    LwTime        *t,
                                    gint64         keep_detail,
                                    LwEvent       *event);
/* @keep_detail: every event's, or only that lead's. */
#define LW_KEEP_EVERY_DETAIL ((gint64) -1)

/* ---- connection helpers ---------------------------------------------------- */

void          _lw_store_set_error  (LwStore     *self,
                                    GError     **error,
                                    int          rc,
                                    const char  *what);
sqlite3_stmt *_lw_store_prepare    (LwStore     *self,
                                    const char  *sql,
                                    GError     **error);
LwLentStmt   *_lw_store_stmt       (LwStore     *self,
                                    LwStmt       which,
                                    GError     **error);
gboolean      _lw_store_exec       (LwStore     *self,
                                    const char  *sql,
                                    GError     **error);
gboolean      _lw_store_begin      (LwStore     *self,
                                    GError     **error);
gboolean      _lw_store_commit     (LwStore     *self,
                                    GError     **error);
void          _lw_store_rollback   (LwStore     *self);
/* While a fast run appends its leads and events: a small page cache. */
gboolean      _lw_store_set_appending (LwStore  *self,
                                       gboolean  appending,
                                       GError  **error);

/* Runs of this connection: the writer state, and marking runs begun here
 * as interrupted when the store closes. */
void          _lw_store_forget_writers (LwStore *self);
void          _lw_run_writer_free  (gpointer data);

/* Registry of runs with a live writer in this process, by database path. */
void          _lw_store_register_live_run   (const char *path,
                                             gint64      run);
void          _lw_store_unregister_live_run (const char *path,
                                             gint64      run);
gboolean      _lw_store_is_live_run         (const char *path,
                                             gint64      run);

/* ---- varints (LEB128) for the event encoding ------------------------------- */

static inline void
lw_put_varint (GByteArray *out,
               guint64     v)
{
  guint8 buf[10];
  guint n = 0;

  do
    {
      guint8 byte = v & 0x7f;
      v >>= 7;
      if (v != 0)
        byte |= 0x80;
      buf[n++] = byte;
    }
  while (v != 0);
  g_byte_array_append (out, buf, n);
}

/* FALSE when the data ends early or the varint is too long. */
static inline gboolean
lw_get_varint (const guint8 **p,
               const guint8  *end,
               guint64       *v)
{
  guint64 result = 0;
  guint shift = 0;

  while (*p < end && shift < 64)
    {
      guint8 byte = *(*p)++;
      result |= (guint64) (byte & 0x7f) << shift;
      if ((byte & 0x80) == 0)
        {
          *v = result;
          return TRUE;
        }
      shift += 7;
    }
  return FALSE;
}

static inline guint64
lw_zigzag (gint64 v)
{
  return ((guint64) v << 1) ^ (guint64) (v >> 63);
}

static inline gint64
lw_unzigzag (guint64 v)
{
  return (gint64) (v >> 1) ^ -(gint64) (v & 1);
}

G_END_DECLS
