#!/usr/bin/env python3
"""Writes N realistic performance issues for the benchmark: OUTDIR/content/<NNNNN>-<slug>.md.

    python3 bench/generate.py N OUTDIR [--check PERFSITE]

Deterministic: every issue is drawn from random.Random(SEED * 1_000_003 + number) and the dates from N, so the
same N gives byte-identical files on any machine and any Python 3 (no set or hash order is ever used). The files
follow the performance-issue template section by section, in the front matter and the body perfsite reads
(docs/data-format.md), and add `components`, `layers` and `types` front-matter taxonomies (the ids of the boxes
ticked in the body) for the Hugo site in bench/hugo/. Sizes vary from 2 to 15 KB: short issues keep only their
ticked boxes, long ones carry more profiler output, query plans and paragraphs.
"""

import argparse
import datetime as dt
import json
import math
import os
import re
import statistics
import subprocess
import random
import sys

SEED = 20250601
FIRST_DAY = dt.date(2024, 12, 1)
LAST_DAY = dt.date(2026, 11, 30)
MIN_BYTES = 2048
MAX_BYTES = 15 * 1024

# ---------------------------------------------------------------------------------------------------------------
# The template's groups, in the template's words.

ISSUE_TYPES = [
    ("latency", "**Latency** - Response time too slow"),
    ("throughput", "**Throughput** - System can't handle load"),
    ("memory", "**Memory** - High memory usage/leaks"),
    ("cpu", "**CPU** - High CPU utilization"),
    ("database", "**Database** - Slow queries/operations"),
    ("network", "**Network** - Bandwidth/connectivity issues"),
    ("storage", "**Storage** - Disk I/O bottlenecks"),
    ("concurrency", "**Concurrency** - Thread/process contention"),
    ("cache", "**Cache** - Poor cache performance"),
    ("scaling", "**Scaling** - Horizontal scaling issues"),
]
COMPONENTS = [
    ("api-endpoints", "**API Endpoints** - Specific routes"),
    ("database-operations", "**Database Operations** - Queries/transactions"),
    ("docking-engine-processing", "**Docking Engine Processing** - Vina/Smina/Gnina"),
    ("file-processing", "**File Processing** - Upload/download/conversion"),
    ("job-queue", "**Job Queue** - Celery task processing"),
    ("frontend-rendering", "**Frontend Rendering** - React component performance"),
    ("3d-visualization", "**3D Visualization** - 3Dmol.js rendering"),
    ("authentication", "**Authentication** - JWT/OIDC processing"),
    ("multi-tenant-operations", "**Multi-tenant Operations** - Organization isolation"),
    ("cache-operations", "**Cache Operations** - Redis performance"),
    ("storage-operations", "**Storage Operations** - File system/S3"),
]
MEASURED = [
    ("application-logs", "Application logs"),
    ("apm-tool", "APM tool (New Relic, DataDog, etc.)"),
    ("database-monitoring", "Database monitoring"),
    ("custom-metrics", "Custom metrics"),
    ("load-testing-tools", "Load testing tools"),
    ("browser-dev-tools", "Browser dev tools"),
    ("system-monitoring", "System monitoring (htop, iostat, etc.)"),
]
USER_EXPERIENCE = [
    "Critical - Users cannot complete workflows",
    "High - Significant delays in research work",
    "Medium - Some inconvenience but functional",
    "Low - Minor optimization opportunity",
]
SYSTEM_CAPACITY = [
    "Blocking new customer onboarding",
    "Limiting current user growth",
    "Approaching capacity limits",
    "Proactive optimization",
]
LAYERS = [
    ("domain-layer", "Domain Layer - Business logic complexity"),
    ("use-cases", "Use Cases - Application service inefficiency"),
    ("adapters", "Adapters - External service integration"),
    ("infrastructure", "Infrastructure - Database/messaging configuration"),
    ("presentation", "Presentation - API serialization/validation"),
    ("frontend", "Frontend - React rendering/state management"),
]
OPTIMIZATIONS = [
    ("Database", ["Add missing indexes", "Optimize query patterns", "Implement connection pooling",
                  "Add read replicas", "Partition large tables"]),
    ("Application", ["Add caching layer", "Optimize serialization", "Implement async processing",
                     "Reduce N+1 queries", "Add pagination"]),
    ("Infrastructure", ["Scale containers horizontally", "Optimize container resources", "Implement CDN",
                        "Add load balancing", "Optimize network configuration"]),
    ("Frontend", ["Code splitting", "Lazy loading", "Optimize bundle size", "Implement virtual scrolling",
                  "Add service worker caching"]),
]
CUSTOM_OPTIMIZATIONS = {
    "Database": [
        "Bulk insert with `COPY` in batches of {n:,}",
        "Keyset pagination on `(created_at, id)` instead of OFFSET",
        "Move the `{table}` JSONB column to its own table",
        "Covering index `({col}, status) INCLUDE (score)`",
        "Set `SET LOCAL` tenant id once per transaction instead of per statement",
        "Materialized view for the per-organization counters, refreshed every {m} minutes",
        "Raise `work_mem` to {mb}MB for the reporting role only",
        "Autovacuum thresholds tuned for `{table}` (scale factor 0.01)",
    ],
    "Application": [
        "Stream the response with `StreamingResponse` instead of building it in memory",
        "Run RDKit in a `ProcessPoolExecutor` with {w} workers",
        "Precompute pose summaries when the docking task finishes",
        "Serialize with orjson and skip pydantic validation on the read path",
        "Move the conversion to a Celery task and return 202",
        "Cache JWKS for {m} minutes with background refresh",
        "Batch the S3 HEAD requests with a thread pool of {w}",
        "Replace per-row ORM loads with a single `selectinload`",
    ],
    "Infrastructure": [
        "Separate Celery queue for Gnina GPU jobs",
        "Set `worker_prefetch_multiplier=1` on docking workers",
        "HPA on queue depth instead of CPU",
        "PgBouncer in transaction mode in front of Postgres",
        "S3 VPC endpoint so pose downloads stop going through NAT",
        "Pin docking workers to {w} vCPU nodes",
        "Redis maxmemory-policy `allkeys-lru` with {mb}MB limit",
    ],
    "Frontend": [
        "Memoize the pose rows with `React.memo` and stable keys",
        "Compute the molecular surface in a Web Worker",
        "Fetch poses page by page ({n} per page) as the user scrolls",
        "Load 3Dmol.js only on the results route",
        "Debounce the filter input by {s}ms",
        "Keep the viewer instance across pose changes",
    ],
}
LOAD_TESTING = ["Baseline performance measurement", "Stress testing to find limits",
                "Endurance testing for stability", "Spike testing for burst handling"]
MONITORING = ["Set up performance monitoring", "Create performance dashboards", "Implement alerting",
              "Track key metrics over time"]
SUCCESS = ["Response time improved by {a}%", "Throughput increased by {b}%", "Resource usage reduced by {c}%",
           "User satisfaction improved"]

COMPONENT_AREA = {
    "api-endpoints": "area:api", "database-operations": "area:database", "docking-engine-processing": "area:docking",
    "file-processing": "area:files", "job-queue": "area:queue", "frontend-rendering": "area:frontend",
    "3d-visualization": "area:viz", "authentication": "area:auth", "multi-tenant-operations": "area:tenancy",
    "cache-operations": "area:cache", "storage-operations": "area:storage",
}
COMPONENT_LAYERS = {
    "api-endpoints": ["presentation", "use-cases"], "database-operations": ["infrastructure", "adapters"],
    "docking-engine-processing": ["adapters", "domain-layer"], "file-processing": ["adapters", "use-cases"],
    "job-queue": ["infrastructure", "use-cases"], "frontend-rendering": ["frontend"],
    "3d-visualization": ["frontend"], "authentication": ["adapters", "infrastructure"],
    "multi-tenant-operations": ["domain-layer", "infrastructure"], "cache-operations": ["infrastructure", "adapters"],
    "storage-operations": ["infrastructure", "adapters"],
}

# ---------------------------------------------------------------------------------------------------------------
# The service: 26 endpoints, routes and tasks of a molecular-docking SaaS. Many issues report the same one.

ENDPOINTS = [
    dict(ep="GET /api/v1/docking/jobs/{id}/results", comps=["api-endpoints", "database-operations"],
         types=["latency", "database", "memory"], subject="Results retrieval", p50=(300, 4000), unit="requests/second",
         table="poses", what="jobs with {k:,} poses", funcs=["ResultsService.list_poses", "PoseSchema.dump",
         "sqlalchemy.orm.loading.instances", "json.encoder.iterencode"]),
    dict(ep="POST /api/v1/molecules", comps=["api-endpoints", "file-processing", "storage-operations"],
         types=["latency", "cpu", "memory"], subject="Molecule upload", p50=(600, 8000), unit="requests/second",
         table="molecules", what="{k}MB SDF uploads", funcs=["Chem.MolFromMolBlock", "MoleculeRepo.add",
         "Descriptors.CalcMolDescriptors", "S3Store.put_object"]),
    dict(ep="POST /api/v1/docking/jobs", comps=["api-endpoints", "job-queue", "database-operations"],
         types=["latency", "concurrency"], subject="Docking job submission", p50=(150, 3000), unit="requests/second",
         table="docking_jobs", what="batches of {k} ligands", funcs=["SubmitDocking.execute", "ReceptorPrep.pdbqt",
         "celery.app.task.apply_async", "JobRepo.create"]),
    dict(ep="GET /api/v1/docking/jobs", comps=["api-endpoints", "database-operations", "multi-tenant-operations"],
         types=["latency", "database"], subject="Job list", p50=(120, 2500), unit="requests/second",
         table="docking_jobs", what="organizations with {k:,} jobs", funcs=["JobQuery.page", "rls.set_tenant",
         "sqlalchemy.engine.execute", "JobListSchema.dump"]),
    dict(ep="GET /api/v1/docking/jobs/{id}/poses", comps=["api-endpoints", "storage-operations", "3d-visualization"],
         types=["latency", "network"], subject="Pose download", p50=(400, 6000), unit="requests/second",
         table="poses", what="{k} poses per request", funcs=["PoseFiles.fetch", "botocore.endpoint.make_request",
         "gzip.compress", "PoseSchema.dump"]),
    dict(ep="celery task docking.run_vina", comps=["docking-engine-processing", "job-queue"],
         types=["throughput", "cpu", "concurrency", "scaling"], subject="Vina docking", p50=(20000, 400000),
         unit="jobs/hour", table="docking_jobs", what="exhaustiveness {k}", funcs=["vina.Vina.dock",
         "openbabel.pybel.readfile", "DockingTask.run", "PoseWriter.write_pdbqt"]),
    dict(ep="GET /api/v1/molecules", comps=["api-endpoints", "database-operations", "multi-tenant-operations"],
         types=["latency", "database"], subject="Molecule list", p50=(90, 1800), unit="requests/second",
         table="molecules", what="libraries of {k:,} molecules", funcs=["MoleculeQuery.page", "rls.set_tenant",
         "MoleculeSchema.dump", "sqlalchemy.orm.loading.instances"]),
    dict(ep="POST /api/v1/auth/token", comps=["authentication", "api-endpoints"], types=["latency", "network"],
         subject="Authentication", p50=(60, 1500), unit="requests/second", table="sessions",
         what="{k} logins per minute", funcs=["OIDCClient.exchange", "jwt.decode", "httpx.AsyncClient.get",
         "SessionRepo.create"]),
    dict(ep="GET /api/v1/projects/{id}/export", comps=["api-endpoints", "file-processing", "storage-operations"],
         types=["latency", "memory", "storage"], subject="Project export", p50=(3000, 90000), unit="requests/second",
         table="projects", what="projects with {k:,} poses", funcs=["ExportProject.execute", "zipfile.ZipFile.write",
         "S3Store.get_object", "PoseWriter.write_sdf"]),
    dict(ep="celery task docking.run_gnina", comps=["docking-engine-processing", "job-queue"],
         types=["throughput", "memory", "scaling"], subject="Gnina rescoring", p50=(30000, 600000), unit="jobs/hour",
         table="docking_jobs", what="{k} poses per batch", funcs=["gnina.score", "torch.cuda.memory.empty_cache",
         "DockingTask.run", "PoseReader.read_sdf"]),
    dict(ep="GET /app/jobs/{id}/results", comps=["frontend-rendering", "3d-visualization"],
         types=["latency", "memory", "cpu"], subject="Pose viewer", p50=(300, 5000), unit="frames/second",
         table="poses", what="{k} poses in the viewer", funcs=["ProteinSurface4.build", "GLModel.setColorByFunction",
         "PoseTable.render", "React.commitRoot"]),
    dict(ep="GET /api/v1/search/similarity", comps=["api-endpoints", "database-operations", "cache-operations"],
         types=["latency", "cpu", "database"], subject="Similarity search", p50=(250, 6000), unit="requests/second",
         table="molecule_fingerprints", what="Tanimoto >= 0.{k}", funcs=["SimilaritySearch.execute",
         "rdkit.DataStructs.BulkTanimotoSimilarity", "FingerprintRepo.scan", "redis.client.get"]),
    dict(ep="GET /api/v1/docking/jobs/{id}", comps=["api-endpoints", "cache-operations"], types=["latency", "cache"],
         subject="Job status", p50=(40, 900), unit="requests/second", table="docking_jobs",
         what="{k} pollers per job", funcs=["JobStatus.get", "redis.client.hgetall", "celery.result.AsyncResult.state",
         "JobSchema.dump"]),
    dict(ep="POST /api/v1/docking/batches", comps=["api-endpoints", "job-queue", "database-operations"],
         types=["throughput", "concurrency", "database"], subject="Batch submission", p50=(800, 20000),
         unit="requests/second", table="docking_jobs", what="batches of {k:,} ligands",
         funcs=["SubmitBatch.execute", "JobRepo.create_many", "celery.group.apply_async", "ReceptorPrep.pdbqt"]),
    dict(ep="GET /api/v1/poses/{id}/pdbqt", comps=["api-endpoints", "storage-operations", "file-processing"],
         types=["latency", "network", "storage"], subject="PDBQT download", p50=(120, 3000), unit="requests/second",
         table="poses", what="{k} concurrent downloads", funcs=["PoseFiles.fetch", "openbabel.OBConversion.WriteString",
         "botocore.endpoint.make_request", "StreamingResponse.__call__"]),
    dict(ep="GET /.well-known/jwks.json", comps=["authentication", "cache-operations"], types=["latency", "cache"],
         subject="JWKS lookup", p50=(30, 1200), unit="requests/second", table="signing_keys",
         what="{k} pods refreshing keys", funcs=["JWKSCache.get", "httpx.AsyncClient.get", "jwt.PyJWKClient.fetch_data",
         "redis.client.get"]),
    dict(ep="GET /api/v1/organizations/{id}/usage", comps=["multi-tenant-operations", "database-operations"],
         types=["database", "latency"], subject="Usage report", p50=(500, 12000), unit="requests/second",
         table="usage_events", what="{k:,} usage events per month", funcs=["UsageReport.build", "UsageRepo.aggregate",
         "rls.set_tenant", "UsageSchema.dump"]),
    dict(ep="GET /app/projects", comps=["frontend-rendering"], types=["latency", "cpu"], subject="Job list page",
         p50=(250, 4000), unit="frames/second", table="docking_jobs", what="{k:,} rows in the table",
         funcs=["JobTable.render", "React.commitRoot", "useJobs.select", "Intl.DateTimeFormat.format"]),
    dict(ep="POST /api/v1/files/convert", comps=["file-processing", "job-queue"], types=["throughput", "cpu"],
         subject="File conversion", p50=(900, 30000), unit="jobs/hour", table="conversions",
         what="{k}MB MOL2 files", funcs=["OBConversion.Convert", "ConvertFile.execute", "tempfile.NamedTemporaryFile",
         "S3Store.put_object"]),
    dict(ep="GET /api/v1/receptors/{id}/pockets", comps=["api-endpoints", "docking-engine-processing"],
         types=["latency", "cpu"], subject="Pocket detection", p50=(1500, 45000), unit="requests/second",
         table="receptors", what="receptors with {k:,} atoms", funcs=["fpocket.run", "PocketService.detect",
         "subprocess.run", "PocketSchema.dump"]),
    dict(ep="GET /api/v1/dashboard/summary", comps=["api-endpoints", "database-operations", "cache-operations"],
         types=["latency", "database", "cache"], subject="Dashboard summary", p50=(200, 5000), unit="requests/second",
         table="docking_jobs", what="organizations with {k} members", funcs=["DashboardQuery.summary",
         "JobRepo.count_by_status", "redis.client.get", "SummarySchema.dump"]),
    dict(ep="WS /ws/jobs/{id}/progress", comps=["api-endpoints", "job-queue", "cache-operations"],
         types=["concurrency", "network", "scaling"], subject="Progress stream", p50=(100, 4000),
         unit="messages/second", table="docking_jobs", what="{k:,} open sockets", funcs=["ProgressSocket.send",
         "redis.client.PubSub.get_message", "starlette.websockets.send_text", "json.dumps"]),
    dict(ep="POST /api/v1/receptors", comps=["api-endpoints", "file-processing"], types=["latency", "cpu"],
         subject="Receptor upload", p50=(700, 15000), unit="requests/second", table="receptors",
         what="receptors with {k:,} residues", funcs=["PrepareReceptor.execute", "pdbfixer.PDBFixer.addMissingAtoms",
         "openbabel.OBConversion.WriteFile", "S3Store.put_object"]),
    dict(ep="GET /api/v1/organizations/{id}/members", comps=["multi-tenant-operations", "authentication"],
         types=["latency", "database"], subject="Member list", p50=(80, 2000), unit="requests/second",
         table="memberships", what="organizations with {k} members", funcs=["MemberQuery.list", "OIDCAdmin.get_user",
         "rls.set_tenant", "MemberSchema.dump"]),
    dict(ep="GET /api/v1/molecules/{id}/conformers", comps=["api-endpoints", "docking-engine-processing",
         "cache-operations"], types=["latency", "cache", "cpu"], subject="Conformer generation", p50=(400, 20000),
         unit="requests/second", table="conformers", what="macrocycles with {k} rotatable bonds",
         funcs=["AllChem.EmbedMultipleConfs", "ConformerCache.get", "AllChem.MMFFOptimizeMoleculeConfs",
         "ConformerSchema.dump"]),
    dict(ep="celery task storage.cleanup_scratch", comps=["storage-operations", "job-queue"],
         types=["storage", "throughput"], subject="Scratch cleanup", p50=(60000, 1800000), unit="jobs/hour",
         table="scratch_files", what="{k:,} scratch files", funcs=["CleanupScratch.run", "os.scandir",
         "botocore.endpoint.make_request", "ScratchRepo.delete_many"]),
]

EXTRA_FUNCS = [
    "asyncpg.protocol.Protocol.bind_execute", "sqlalchemy.orm.session.Session._flush", "pydantic.main.BaseModel.__init__",
    "starlette.middleware.base.call_next", "app.middleware.tenant.dispatch", "app.middleware.auth.verify_token",
    "uvicorn.protocols.http.h11_impl.run_asgi", "redis.connection.Connection.read_response", "gzip.GzipFile.write",
    "botocore.parsers.ResponseParser.parse", "rdkit.Chem.rdmolops.SanitizeMol", "rdkit.Chem.inchi.MolToInchiKey",
    "json.encoder.JSONEncoder.iterencode", "app.adapters.sql.base.Repository._execute", "logging.Handler.handle",
    "celery.backends.redis.RedisBackend.set", "kombu.connection.Connection.ensure", "ssl.SSLSocket.recv_into",
    "app.domain.scoring.normalize_scores", "app.usecases.results.merge_pose_metadata", "numpy.core.fromnumeric.sort",
    "app.adapters.s3.store.presign", "h11._connection.Connection.next_event", "asyncio.base_events._run_once",
    "app.domain.tenancy.check_quota", "openbabel.pybel.Molecule.write", "app.adapters.vina.parse_output",
    "orjson.dumps", "app.usecases.export.write_manifest", "zlib.Compress.compress", "uuid.UUID.__str__",
]
ORGS = ["Halden Therapeutics", "Kestrel Bio", "Northwind Pharma", "Aurora Discovery", "Lumen Labs", "Basel Structural",
        "Corvid Biosciences", "Tessellate Chem", "University of Tartu", "Meridian Oncology", "Pinebrook CRO",
        "Quanta Ligand", "Sato Lab (Kyoto)", "Vireo Genomics", "Ostrava Institute", "Redshift Molecular"]
AUTHORS = ["mchen", "kimura", "lnguyen", "apatel", "jsorensen", "rgarcia", "tkowalski", "ebrown", "odiallo",
           "hmuller", "sokafor", "vrossi", "yzhang", "fdubois", "cmartins", "pwalsh", "dnovak", "inakamura"]
MILESTONES = ["Stage 1 - Core API", "Stage 2 - Molecule ingestion", "Stage 3 - Docking pipeline",
              "Stage 4 - Multi-tenancy", "Stage 5 - Results & visualization", "Stage 6 - Batch screening",
              "Stage 7 - GPU rescoring", "Stage 8 - Enterprise SSO", "Stage 9 - Scale-out"]
RELEASES = ["2025.01.2", "2025.02.1", "2025.03.3", "2025.04.1", "2025.05.2", "2025.06.1", "2025.07.3", "2025.08.1",
            "2025.09.2", "2025.10.1", "2025.11.2", "2026.01.1", "2026.02.3", "2026.03.1", "2026.04.2", "2026.05.1",
            "2026.06.2", "2026.07.1", "2026.08.3", "2026.09.1"]
CHANGES = ["the switch to SQLAlchemy 2 async sessions", "row-level security on every tenant table",
           "the new pose schema with per-atom scores", "Celery 5.4 with the new prefetch defaults",
           "Keycloak 24 as the identity provider", "the move from EBS to S3 for pose files",
           "React 18 concurrent rendering", "3Dmol.js 2.1", "pydantic v2 response models",
           "Postgres 16 and the new planner settings", "the Redis 7 cluster migration"]
APMS = ["Datadog APM", "New Relic", "Grafana Tempo", "Sentry performance", "OpenTelemetry traces in Honeycomb"]


# ---------------------------------------------------------------------------------------------------------------
# Small helpers


def slugify(text, limit=60):
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0]
    return slug


def item_id(label):
    return re.sub(r"[^a-z0-9]+", "-", label.replace("**", "").lower()).strip("-")


def loguniform(rng, lo, hi):
    return math.exp(rng.uniform(math.log(lo), math.log(hi)))


def fmt_ms(rng, ms):
    """A duration written as people write it: 850ms, 2,900 ms, 3.4s, 12 s, 6.5 min."""
    if ms < 1000:
        v = max(1, int(round(ms)))
        return rng.choice([f"{v}ms", f"{v} ms", f"{v}ms"])
    if ms < 60000:
        if rng.random() < 0.3 and ms < 20000:
            return f"{int(round(ms, -1)):,} ms" if rng.random() < 0.5 else f"{int(round(ms, -1)):,}ms"
        s = ms / 1000
        txt = f"{s:.1f}" if s < 20 else f"{s:.0f}"
        return rng.choice([f"{txt}s", f"{txt} s", f"{txt}s"])
    return f"{ms / 60000:.1f} min"


def fmt_mb(mb):
    if mb >= 1024:
        return f"{mb / 1024:.1f}GB"
    return f"{int(mb)}MB"


def choose_some(rng, items, lo, hi):
    k = rng.randint(lo, min(hi, len(items)))
    picked = rng.sample(range(len(items)), k)
    return [items[i] for i in sorted(picked)]


def dedup(seq):
    out = []
    for x in seq:
        if x not in out:
            out.append(x)
    return out


def ordered(ids, table):
    """The ids in the template's order."""
    return [i for i, _ in table if i in ids]


def checklist(lines, ticked, compact):
    """`lines` is [(id, text)]; a compact issue keeps only its ticked boxes, as many authors do."""
    out = []
    for i, text in lines:
        on = i in ticked
        if compact and not on:
            continue
        out.append(f"- [{'x' if on else ' '}] {text}")
    return out


def fill(rng, template, ctx):
    values = dict(ctx)
    values.update(n=rng.choice([500, 1000, 2000, 5000]), m=rng.choice([5, 10, 15, 30]), mb=rng.choice([64, 256, 512]),
                  w=rng.choice([2, 4, 8, 16]), s=rng.choice([150, 200, 300]),
                  col=rng.choice(["organization_id", "job_id", "project_id"]))
    return template.format(**values)


# ---------------------------------------------------------------------------------------------------------------
# Prose


SUMMARY_SENTENCES = [
    "Since {release} the {subject_l} path spends most of its time in `{func}`; p95 moved from {old} to {p95} in {weeks} weeks.",
    "{org} runs nightly virtual screens of {big:,} ligands against {k} receptors, and they feel it first.",
    "Traces in {apm} show {pct}% of the request time inside `{func}`, while Postgres answers in {dbms} ms on average.",
    "It scales with the data: at {small:,} rows in `{table}` the call takes {fast}, at {large:,} rows {slow}.",
    "We reproduced it on staging with a copy of the {org} tenant ({big:,} rows in `{table}`).",
    "Nothing in the error-budget dashboard catches this because the requests succeed; they are just slow.",
    "Retries from the web client make it worse: every timed-out call is sent again after {sec} seconds.",
    "The worker pool has {w} processes per node on {nodes} nodes, and the queue depth peaked at {q:,} tasks.",
    "Autoscaling reacts after {mins} minutes, by which point the backlog is already {q:,} tasks deep.",
    "A quick experiment with {idea} cut p50 by {pct}% on staging, but it has not been tried under production load.",
    "Academic-plan organizations see it most, because they share the default worker pool.",
    "The regression lines up with the {release} release, which brought {change}.",
    "About {pct}% of the slow requests come from {k} organizations, all with more than {big:,} molecules.",
    "The handler is synchronous where it matters: `{func}` runs on the event loop and blocks every other request on the pod.",
    "Memory grows by roughly {mb}MB per request and is returned only when the worker is recycled.",
    "Flame graphs from py-spy put `{func}` and `{func2}` at the top, together {pct}% of samples.",
    "At the {p99} p99 the gateway timeout (30 s) is hit by {small:,} requests a day.",
    "The same query plan is fast for small tenants and flips to a sequential scan once `{table}` passes {large:,} rows.",
]
BUSINESS_SENTENCES = [
    "{org} renews in {month} and listed {subject_l} speed as a blocker in their last two business reviews.",
    "Sales has {k} trials running that import libraries above {mb}MB.",
    "Support opened {k} tickets about it in the last {weeks} weeks, {pct}% of all performance tickets.",
    "Every extra minute of docking wall time costs about ${cost:,} a month in compute at the current volume.",
    "The enterprise tier promises a p95 under {target} for this call, and we are outside it on {pct}% of days.",
    "Two design partners run weekly screening campaigns on Monday mornings, when the slowdown is worst.",
    "Chemists wait on this call in design meetings, on screen share, where every second shows.",
    "The onboarding checklist has customers import their full library in the first week; at today's speed that takes {days} days.",
    "Fixing this unblocks the {milestone} milestone, which the roadmap puts in {month}.",
    "Infrastructure cost for this path is {pct}% of the monthly cloud bill.",
]
FEEDBACK = [
    "The results page takes so long that I export to Excel and work there.",
    "Uploading our library times out one time in three, and then I don't know which molecules made it in.",
    "Docking used to be done by lunch; now it is done the next morning.",
    "The viewer is beautiful but unusable on my laptop.",
    "We had to split our screen into ten projects to make the export finish.",
    "Logging in takes longer than the docking run for a single ligand.",
    "The job list spins for ten seconds every time I open it.",
    "Our nightly screen finished at 11 am today, after the team meeting it was meant for.",
    "Similarity search is the feature we bought the product for, and it is the slowest page.",
    "Every time I change the pose the whole tab freezes.",
]
IDEAS = ["a covering index", "keyset pagination", "orjson serialization", "a Redis read-through cache",
         "`worker_prefetch_multiplier=1`", "streaming the file to S3", "a process pool for RDKit", "virtualized rows"]
WEEKS = ["two", "three", "four", "six", "eight"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def prose(rng, sentences, ctx, count):
    picked = rng.sample(sentences, count)
    out = []
    for s in picked:
        v = dict(ctx)
        v.update(
            func=rng.choice(ctx["funcs"]), func2=rng.choice(EXTRA_FUNCS), org=rng.choice(ORGS),
            big=rng.choice([120000, 250000, 480000, 1200000, 3400000]), k=rng.randint(3, 40),
            apm=rng.choice(APMS), pct=rng.randint(12, 88), dbms=rng.randint(3, 90),
            small=rng.choice([800, 2000, 5000, 12000]), large=rng.choice([250000, 900000, 4000000]),
            fast=fmt_ms(rng, ctx["p50ms"] / 6), slow=fmt_ms(rng, ctx["p99ms"]), sec=rng.choice([5, 10, 15, 30]),
            w=rng.choice([4, 8, 12, 16]), nodes=rng.randint(2, 12), q=rng.randint(800, 60000),
            mins=rng.choice([4, 6, 8, 12]), idea=rng.choice(IDEAS), release=rng.choice(RELEASES),
            change=rng.choice(CHANGES), mb=rng.choice([40, 120, 300, 600]), weeks=rng.choice(WEEKS),
            old=fmt_ms(rng, ctx["p95ms"] / rng.uniform(2, 5)), month=rng.choice(MONTHS),
            cost=rng.randint(8, 90) * 100, days=rng.randint(2, 9),
        )
        out.append(s.format(**v))
    return " ".join(out)


# ---------------------------------------------------------------------------------------------------------------
# Code blocks


def concrete_path(ep, rng):
    path = ep.split(" ", 1)[1] if " " in ep else ep
    return path.replace("{id}", str(rng.randint(1000, 99999)))


def env_setup(rng, n, ctx):
    lines = ["docker compose up -d postgres redis minio", "docker compose up -d api worker"]
    if "docking-engine-processing" in ctx["comps"] or "job-queue" in ctx["comps"]:
        lines.append(f"docker compose up -d --scale worker={rng.choice([2, 4, 8])} worker")
    lines.append(f"python scripts/seed_org.py --org bench-{n} --molecules {rng.choice([5000, 20000, 100000]):,}".replace(",", "_"))
    if rng.random() < 0.5:
        lines.append(f"psql \"$DATABASE_URL\" -c \"ANALYZE {ctx['table']};\"")
    if "frontend-rendering" in ctx["comps"] or "3d-visualization" in ctx["comps"]:
        lines = ["cd web && npm ci && npm run build && npm run preview -- --port 4173"] + lines
    return lines


def load_generation(rng, ctx):
    path = concrete_path(ctx["ep"], rng)
    method = ctx["ep"].split(" ", 1)[0]
    users = ctx["users"]
    style = rng.randrange(4)
    if ctx["ep"].startswith("celery"):
        return [f"python scripts/enqueue.py --task {ctx['ep'].split()[-1]} --count {rng.choice([200, 500, 1000])} \\",
                f"  --ligands fixtures/enamine_{rng.choice([1, 5, 10])}k.sdf --receptor fixtures/6LU7.pdb",
                "celery -A app.worker inspect active --timeout 5 | grep -c running"]
    if style == 0:
        return [f"k6 run --vus {users} --duration {ctx['duration']}m scripts/k6/{slugify(ctx['subject'])}.js"]
    if style == 1:
        return [f"hey -z {ctx['duration']}m -c {users} -m {method if method in ('GET', 'POST') else 'GET'} \\",
                "  -H \"Authorization: Bearer $TOKEN\" \\",
                f"  http://localhost:8000{path}"]
    if style == 2:
        return [f"locust -f scripts/locust/{slugify(ctx['subject'], 30)}.py --headless -u {users} -r {max(1, users // 10)} \\",
                f"  --run-time {ctx['duration']}m --host http://localhost:8000"]
    return [f"for i in $(seq 1 {users}); do",
            f"  curl -s -o /dev/null -w \"%{{time_total}}\\n\" -X {method if method in ('GET', 'POST') else 'GET'} \\",
            f"    http://localhost:8000{path} -H \"Authorization: Bearer $TOKEN\" &",
            "done; wait"]


def k6_lines(rng, ctx):
    """Padding: a k6 scenario, one stage at a time."""
    out = []
    for i in range(12):
        out.append(f"#   stage {i + 1}: {rng.choice([10, 25, 50, 100, 200])} VUs for {rng.choice([30, 60, 120])}s, "
                   f"think time {rng.choice([0.5, 1, 2])}s, p95 threshold {fmt_ms(rng, ctx['p95ms'] * 0.8)}")
    return out


def monitoring_commands(rng, ctx):
    pool = [
        "docker stats --no-stream --format \"table {{.Name}}\\t{{.CPUPerc}}\\t{{.MemUsage}}\"",
        "py-spy top --pid $(pgrep -f \"uvicorn app.main\")",
        "py-spy record -o profile.svg --duration 60 --pid $(pgrep -f \"celery worker\")",
        "psql \"$DATABASE_URL\" -c \"SELECT query, calls, mean_exec_time FROM pg_stat_statements ORDER BY 3 DESC LIMIT 10;\"",
        "redis-cli --latency-history -i 5",
        "celery -A app.worker inspect stats",
        "kubectl top pods -n docking",
        "iostat -x 5",
        "docker compose logs worker -f | grep -E \"task .* succeeded\"",
    ]
    return choose_some(rng, pool, 2, 4)


def profile_block(rng, ctx):
    """The profiler output: a header, then rows. More rows are padding."""
    front = "frontend-rendering" in ctx["comps"] or "3d-visualization" in ctx["comps"]
    if front:
        header = [f"Chrome Performance panel, {rng.choice([10, 20, 30])} s recording, {rng.choice(['pose change x 20', 'scroll to end', 'filter typed', 'page load'])}",
                  "  Self Time   Total Time   Activity"]

        def row(fn):
            total = rng.uniform(40, 2500)
            return f"  {int(total * rng.uniform(0.2, 0.9)):>7,}ms  {int(total):>9,}ms   {fn}"
    elif rng.random() < 0.5:
        total = ctx["p50ms"] / 1000 * rng.uniform(0.9, 1.3)
        header = [f"cProfile, single request ({ctx['what']}), {total:.2f}s total",
                  "   ncalls  tottime  cumtime  filename:lineno(function)"]

        def row(fn):
            cum = rng.uniform(0.01, 1.0) * total
            return f"{rng.choice([1, 50, 1000, 9812, 48211]):>9}  {cum * rng.uniform(0.1, 1):7.3f}  {cum:7.3f}  {fn}"
    else:
        header = [f"py-spy record --duration 60 ({rng.randint(2000, 9000):,} samples)",
                  "  %Own   %Total  OwnTime  TotalTime  Function"]

        def row(fn):
            tot = rng.uniform(1, 60)
            own = tot * rng.uniform(0.1, 1)
            return f"{own:5.1f}%  {tot:5.1f}%  {own * 0.6:6.2f}s  {tot * 0.6:8.2f}s  {fn}"
    rows = [row(f) for f in ctx["funcs"]]
    extra = [row(rng.choice(EXTRA_FUNCS)) for _ in range(120)]
    return header, rows, extra


def explain_block(rng, ctx):
    t = ctx["table"]
    total = max(1.0, ctx["p50ms"] * rng.uniform(0.2, 0.8))
    rows = rng.choice([50, 100, 500, 1000])
    removed = rng.randint(10000, 900000)
    lines = [
        f"Limit  (cost=0.43..{rng.uniform(800, 90000):.2f} rows={rows} width={rng.randint(120, 900)}) "
        f"(actual time={rng.uniform(0.2, 5):.3f}..{total:.3f} rows={rows} loops=1)",
        f"  ->  Nested Loop  (cost=0.86..{rng.uniform(1e4, 9e5):.2f} rows={rng.randint(1000, 90000)} width={rng.randint(120, 900)}) "
        f"(actual time={rng.uniform(0.2, 5):.3f}..{total * 0.98:.3f} rows={rows} loops=1)",
        f"        ->  Index Scan using idx_{t}_org_created on {t}  (cost=0.43..{rng.uniform(100, 9000):.2f} rows={rng.randint(100, 9000)} width=64)",
        f"              Index Cond: (organization_id = '{rng.getrandbits(32):08x}-0000-4000-8000-{rng.getrandbits(48):012x}'::uuid)",
        f"        ->  Seq Scan on {rng.choice(['poses', 'molecules', 'job_events', 'scores'])}  (cost=0.00..{rng.uniform(1e3, 9e4):.2f} rows=1 width=412)",
        f"              Filter: (job_id = {t}.id)",
        f"              Rows Removed by Filter: {removed:,}",
    ]
    extra = []
    for _ in range(40):
        extra.append(f"              Buffers: shared hit={rng.randint(1000, 900000)} read={rng.randint(0, 90000)} "
                     f"dirtied={rng.randint(0, 50)}  I/O Timings: read={rng.uniform(0.1, 900):.3f}")
    tail = [f"Planning Time: {rng.uniform(0.1, 3):.3f} ms", f"Execution Time: {total * 1.001:.3f} ms"]
    return lines, extra, tail


def sql_snippet(rng, ctx):
    t = ctx["table"]
    return ["-- " + rng.choice(["the statement behind the slow span", "from pg_stat_statements, top by mean time",
                                "generated by the ORM for the list view"]),
            f"EXPLAIN (ANALYZE, BUFFERS) SELECT {t}.*, s.score, s.rmsd",
            f"FROM {t} JOIN scores s ON s.{t.rstrip('s')}_id = {t}.id",
            f"WHERE {t}.organization_id = $1 AND {t}.created_at > now() - interval '{rng.choice([7, 30, 90])} days'",
            f"ORDER BY s.score LIMIT {rng.choice([50, 100, 500])} OFFSET {rng.choice([0, 5000, 20000])};"]


def python_snippet(rng, ctx):
    fn = ctx["funcs"][0].split(".")[-1]
    cls = ctx["funcs"][0].split(".")[0]
    return [f"# app/usecases/{slugify(ctx['subject'], 30).replace('-', '_')}.py",
            f"async def {fn if fn.isidentifier() else 'execute'}(self, org_id: UUID, job_id: UUID) -> list[dict]:",
            f"    rows = await self.repo.list_for_job(org_id, job_id)      # {ctx['what']}",
            "    out = []",
            "    for row in rows:",
            f"        out.append(await self.{rng.choice(['enrich', 'load_pose', 'score'])}(row))   # one round trip each",
            f"    return out  # {cls}: {fmt_ms(rng, ctx['p50ms'])} at p50"]


def ts_snippet(rng, ctx):
    return [f"// web/src/features/{slugify(ctx['subject'], 20)}/{rng.choice(['PoseTable', 'JobList', 'Viewer'])}.tsx",
            "const rows = useMemo(() => data.map(toRow), [data]);   // data is a new array on every poll",
            f"useEffect(() => {{ viewer.clear(); addAll(poses); viewer.render(); }}, [poses]);  // {ctx['what']}",
            f"return <Table rows={{rows}} height={{{rng.choice([480, 640, 720])}}} />;  // no virtualization"]


def caching_snippet(rng, ctx):
    return [f"@cache_result(ttl={rng.choice([60, 120, 300, 900])}, key=lambda org_id, job_id: f\"{slugify(ctx['subject'], 20)}:{{org_id}}:{{job_id}}\")",
            f"async def get_{ctx['table']}(org_id: UUID, job_id: UUID) -> list[dict]:",
            f"    return await repository.list_{ctx['table']}(org_id, job_id)"]


def schema_snippet(rng, ctx):
    t = ctx["table"]
    return [f"CREATE INDEX CONCURRENTLY idx_{t}_org_{rng.choice(['created', 'status', 'score'])}",
            f"ON {t}(organization_id, {rng.choice(['created_at DESC', 'status', 'score'])}) INCLUDE (id);"]


# ---------------------------------------------------------------------------------------------------------------
# One issue


def date_of(number, count, rng):
    span = (LAST_DAY - FIRST_DAY).days
    pos = (number - 1 + rng.random()) / count
    return FIRST_DAY + dt.timedelta(days=min(span, int(pos * (span + 1))))


def date_text(day, rng):
    r = rng.random()
    if r < 0.8:
        return day.isoformat()
    utc_hour = rng.randint(10, 14)
    minute = rng.choice([0, 5, 12, 17, 30, 41, 55])
    offset = rng.choice([-5, -4, 0, 1, 2, 9])
    if offset == 0:
        return f"{day.isoformat()}T{utc_hour:02d}:{minute:02d}:00Z"
    sign = "+" if offset > 0 else "-"
    return f"{day.isoformat()}T{utc_hour + offset:02d}:{minute:02d}:00{sign}{abs(offset):02d}:00"


def endpoint_weights():
    # Zipf-like: the first endpoints are reported far more often than the last.
    return [1.0 / (rank + 1) ** 0.9 for rank in range(len(ENDPOINTS))]


def make_issue(number, count, history, target_bytes):
    rng = random.Random(SEED * 1_000_003 + number)
    e = ENDPOINTS[rng.choices(range(len(ENDPOINTS)), weights=endpoint_weights())[0]]
    day = date_of(number, count, random.Random(SEED * 7 + number))

    comps = [e["comps"][0]] + choose_some(rng, e["comps"][1:], 0, len(e["comps"]) - 1)
    if rng.random() < 0.12:
        comps.append(rng.choice(COMPONENTS)[0])
    comps = ordered(dedup(comps), COMPONENTS)
    types = choose_some(rng, e["types"], 1, 3)
    if rng.random() < 0.15:
        types.append(rng.choice(ISSUE_TYPES)[0])
    types = ordered(dedup(types), ISSUE_TYPES)
    layer_pool = dedup([l for c in comps for l in COMPONENT_LAYERS[c]])
    layers = choose_some(rng, layer_pool, 1, 2)
    if rng.random() < 0.1:
        layers.append(rng.choice(LAYERS)[0])
    layers = ordered(dedup(layers), LAYERS)

    p50 = loguniform(rng, *e["p50"])
    p95 = p50 * rng.uniform(1.8, 4.0)
    p99 = p95 * rng.uniform(1.3, 2.6)
    users = rng.choice([5, 10, 20, 50, 100, 200])
    duration = rng.choice([5, 10, 15, 30, 60])
    what = e["what"].format(k=rng.choice([8, 12, 25, 50, 200, 1000, 5000]))
    ctx = dict(ep=e["ep"], comps=comps, subject=e["subject"], subject_l=e["subject"].lower(), table=e["table"],
               funcs=e["funcs"], p50ms=p50, p95ms=p95, p99ms=p99, p95=fmt_ms(rng, p95), p99=fmt_ms(rng, p99),
               users=users, duration=duration, what=what, target=fmt_ms(rng, p95 / 4),
               milestone=rng.choice(MILESTONES))

    # -- title
    title_forms = [
        "{ep} p95 at {p95} for {what}",
        "{subject} slow: {ep} takes {p50} at p50",
        "{ep} p99 reaches {p99} under {users} concurrent users",
        "{subject} degraded for {what}",
        "{subject}: {ep} {p95} p95 since {release}",
        "{ep} slow for {what}",
    ]
    title = rng.choice(title_forms).format(ep=e["ep"], p95=ctx["p95"], p99=ctx["p99"], p50=fmt_ms(rng, p50),
                                           what=what, subject=e["subject"], users=users,
                                           release=rng.choice(RELEASES))
    slug = slugify(re.sub(r"\{id\}", "id", title))

    # -- front matter
    age = (LAST_DAY - day).days / (LAST_DAY - FIRST_DAY).days
    closed = rng.random() < 0.25 + 0.6 * age
    closed_day = min(LAST_DAY, day + dt.timedelta(days=rng.randint(3, 120))) if closed else None
    priority = rng.choices(["P0", "P1", "P2", "P3"], weights=[1, 3, 4, 2])[0]
    effort = rng.choice(["S", "M", "L", "XL"])
    level = {"P0": 0, "P1": 1, "P2": 2, "P3": 3}[priority]
    labels = dedup(["type:performance", "priority:" + ["critical", "high", "medium", "low"][level]]
                   + [COMPONENT_AREA[c] for c in comps] + ([] if closed else rng.choice([[], ["status:triage"]])))
    author = rng.choice(AUTHORS)
    assignees = dedup([author] + rng.sample(AUTHORS, rng.randint(0, 2))) if rng.random() < 0.8 else []

    fm = ["---", f"title: {json.dumps(title, ensure_ascii=False)}", f"number: {number}",
          f"date: {date_text(day, rng)}", f"state: {'closed' if closed else 'open'}"]
    if closed:
        fm.append(f"closed: {closed_day.isoformat()}")
    fm += [f"labels: [{', '.join(labels)}]", f"author: {author}", f"assignees: [{', '.join(assignees)}]",
           f"components: [{', '.join(comps)}]", f"layers: [{', '.join(layers)}]", f"types: [{', '.join(types)}]",
           "---", ""]

    front = "frontend-rendering" in comps or "3d-visualization" in comps
    backendless = front and "api-endpoints" not in comps and "database-operations" not in comps

    # -- padding pools: chunks (lines or paragraphs) added in a fixed order until the file reaches its size
    summary_more = [prose(rng, SUMMARY_SENTENCES, ctx, rng.randint(2, 4)) for _ in range(4)]
    business_more = [prose(rng, BUSINESS_SENTENCES, ctx, rng.randint(2, 3)) for _ in range(4)]
    prof_header, prof_rows, prof_extra = profile_block(rng, ctx)
    plan, plan_extra, plan_tail = explain_block(rng, ctx)
    k6_extra = k6_lines(rng, ctx)
    updates = []
    d = day
    for _ in range(5):
        d = d + dt.timedelta(days=rng.randint(2, 20))
        updates.append(f"**Update {d.isoformat()}:** " + prose(rng, SUMMARY_SENTENCES, ctx, rng.randint(2, 3)))

    # -- the body, as a function of its tier and padding. Every tier has every section of the template.
    # tier 0: terse, only ticked boxes and the key lines; tier 1: only ticked boxes; tier 2: the full template.
    def render(tier, pad):
        compact = tier < 2
        tiny = tier == 0
        out = list(fm)
        out += ["## ⚡ Performance Issue Summary", summary[0] if tiny else " ".join(summary[:2] if compact else summary)]
        for p in summary_more[:pad["summary"]]:
            out += ["", p]
        out += ["", "## 🔍 Performance Context", "", "### Issue Type"]
        out += checklist(ISSUE_TYPES, types, compact)
        out += ["", "### Affected Component"]
        out += checklist(COMPONENTS, comps, compact)
        out += ["", "## 📊 Performance Metrics", "", "### Current Performance", "**Response Times:**",
                f"- Endpoint: `{e['ep']}`", metric_current, metric_expected]
        if not tiny or tp_in_tiny:
            out += ["", "**Throughput:**", tp_current, tp_expected]
        out += ["", "**Resource Usage:**", cpu_line, mem_line]
        if storage_line and not tiny:
            out.append(storage_line)
        if not backendless and (not tiny or "database-operations" in comps):
            out += ["", "**Database Performance:**"] + db_lines
        out += ["", "### Measurement Details", "**How measured:**"]
        out += checklist(MEASURED, measured, compact)
        out += ["", f"**Measurement period:** {period}"]
        if not tiny:
            out.append(f"**Sample size:** {sample}")
        out += ["", "## 🧪 Reproduction Steps", ""]
        if not tiny:
            out += ["### Environment Setup", "```bash"] + env + ["```", ""]
        out += ["### Load Generation", "```bash"] + load
        if pad["k6"]:
            out += ["# k6 scenario used for the baseline:"] + k6_extra[:pad["k6"]]
        out += ["```"]
        if not tiny:
            out += ["", "**Test Data:**"] + test_data + ["", "### Monitoring Commands", "```bash"] + monitor + ["```"]
        out += ["", "## 🎯 Performance Targets", "", "### Target Metrics", "**API Response Times:**"]
        out += targets_api[:1] if tiny else targets_api
        if not tiny:
            out += ["", "**Throughput Requirements:**"] + targets_tp + ["", "**Resource Limits:**"] + targets_res
        out += ["", "### Business Impact", "**User Experience:**"]
        out += checklist([(x, x) for x in USER_EXPERIENCE], [ux], compact)
        if not tiny:
            out += ["", "**System Capacity:**"]
            out += checklist([(x, x) for x in SYSTEM_CAPACITY], capacity, compact)
        out += ["", "## 🔧 Architecture Context", "", "### Clean Architecture Layer", "**Primary Performance Issue:**"]
        out += checklist(LAYERS, layers, compact)
        if not tiny:
            out += ["", "### Technical Stack Analysis"]
            for label, lang, code in (stack[-1:] if compact else stack):
                out += [f"**{label}:**", f"```{lang}"] + code + ["```"]
        out += ["", "## 🔍 Investigation Data", "", "### Profiling Results",
                "**Frontend Profiling:**" if front else "**Backend Profiling:**", "```"]
        out += prof_header + (prof_rows[:2] if tiny else prof_rows) + prof_extra[:pad["profile"]] + ["```", ""]
        if not backendless and (tier == 2 or pad["plan"]):
            out += ["**Database Query Analysis:**", "```"] + plan + plan_extra[:pad["plan"]] + plan_tail + ["```", ""]
        if lighthouse and (not tiny or front):
            out += ["**Frontend Performance:**", "```"] + lighthouse + ["```", ""]
        if not tiny:
            out += ["### System Resources", "**Container Resources:**", "```"] + containers + ["```", ""]
            if dbstats and (tier == 2 or dbstats_in_compact):
                out += ["**Database Stats:**", "```"] + dbstats + ["```", ""]
        out += ["## 💡 Optimization Ideas", "", "### Potential Solutions"]
        for cat, lines, custom in (opt_blocks[:1] if tiny else opt_blocks):
            out += [f"**{cat} Optimizations:**"] + checklist([(x, x) for x in lines], ticked_opts[cat], compact)
            out += ([] if tiny else custom) + [""]
        if not tiny:
            out += ["### Architecture Changes"]
            for label, lang, code in arch:
                if lang is None:
                    out += [f"**{label}:**"] + code + [""]
                else:
                    out += [f"**{label}:**", f"```{lang}"] + code + ["```", ""]
        out += ["## 🧪 Testing Plan", "", "### Performance Testing", "**Load Testing:**"]
        out += checklist([(x, x) for x in LOAD_TESTING], load_testing, compact)
        if not tiny:
            out += ["", "**Monitoring:**"]
            out += checklist([(x, x) for x in MONITORING], monitoring, compact)
            out += ["", "### Validation Criteria", "**Success Metrics:**"]
            out += checklist(success_lines, success, compact)
        out += ["", "## 🎯 Implementation Stage"]
        if not tiny:
            out.append(f"**Related Milestone:** {ctx['milestone']}")
        out += [f"**Priority:** {priority_text}", f"**Estimated Effort:** {effort_text}", "",
                "## 🔗 Related Issues"] + (related[:1] if tiny else related)
        out += ["", "## 📚 References"] + (references[-1:] if tiny else references)
        out += ["", "## 📈 Additional Context", "**Historical Performance:**"]
        out += checklist(history_lines, [history_pick], compact)
        out += ["", "**User Feedback:**", feedback]
        if not tiny:
            out += ["", "**Business Context:**", business]
        for p in business_more[:pad["business"]]:
            out += ["", p]
        for u in updates[:pad["updates"]]:
            out += ["", u]
        if closed:
            out += ["", follow_up]
        return "\n".join(out) + "\n"

    summary = [prose(rng, [t], ctx, 1) for t in rng.sample(SUMMARY_SENTENCES, 2)]

    # -- metrics
    f50, f95, f99 = fmt_ms(rng, p50), fmt_ms(rng, p95), fmt_ms(rng, p99)
    where = f"`{e['ep']}`" if rng.random() < 0.5 else f"The {e['subject'].lower()} call (`{e['ep']}`)"
    summary.insert(0, f"{where} takes {f50} at p50 and {f99} at p99 for {what}.")
    tp_in_tiny = rng.random() < 0.5
    factor = rng.uniform(0.1, 0.45)
    metric_current = f"- Current: `{f50}` (p50), `{f95}` (p95), `{f99}` (p99)"
    if rng.random() < 0.2:
        metric_current += rng.choice([" at peak", " for the slowest tenant", f" ({what})"])
    metric_expected = (f"- Expected: `{fmt_ms(rng, p50 * factor)}` (p50), `{fmt_ms(rng, p95 * factor)}` (p95), "
                       f"`{fmt_ms(rng, p99 * factor)}` (p99)")
    if e["unit"] == "jobs/hour":
        tp = rng.randint(20, 900)
    elif e["unit"] == "frames/second":
        tp = rng.randint(4, 24)
    else:
        tp = rng.choice([3, 8, 15, 40, 120, 350, 800, 1200, 2400])
    tp_current = f"- Current: `{tp:,}` {e['unit']}"
    tp_expected = f"- Expected: `{int(tp * rng.uniform(2, 8)):,}` {e['unit']}"
    cpu_avg = rng.randint(15, 90)
    cpu_line = f"- CPU: `{cpu_avg}%` average, `{min(100, cpu_avg + rng.randint(5, 40))}%` peak"
    if rng.random() < 0.3:
        cpu_line += rng.choice([" (one core pinned)", " (main thread)", " across 4 replicas", " on the worker pods"])
    mem_avg = rng.choice([180, 320, 512, 780, 1100, 1600, 2400, 3800])
    mem_line = f"- Memory: `{fmt_mb(mem_avg)}` average, `{fmt_mb(mem_avg * rng.uniform(1.2, 2.8))}` peak"
    storage_line = (f"- Storage: `{rng.choice([12, 40, 85, 120, 340, 900])}GB` used, `{rng.choice([150, 400, 900, 2400, 6000]):,}` IOPS"
                    if rng.random() < 0.7 else None)
    pool_total = rng.choice([20, 50, 100])
    db_lines = [f"- Query time: `{fmt_ms(rng, loguniform(rng, 2, 400))}` average, `{fmt_ms(rng, loguniform(rng, 400, 9000))}` slowest",
                f"- Connection pool: `{rng.randint(pool_total // 5, pool_total)}/{pool_total}` connections used",
                f"- Lock contention: `{rng.choice([0, 0, 2, 5, 12, 40])}` blocked queries"]

    measured = choose_some(rng, [m for m, _ in MEASURED if front or m != "browser-dev-tools"], 2, 4)
    if front and "browser-dev-tools" not in measured:
        measured = ordered(measured + ["browser-dev-tools"], MEASURED)
    p_start = day - dt.timedelta(days=rng.randint(7, 30))
    p_end = p_start + dt.timedelta(days=rng.randint(2, 6))
    period = rng.choice([
        f"Production, business hours (EU + US East) {p_start.isoformat()} to {p_end.isoformat()}",
        f"Peak hours 14:00-17:00 UTC, {p_start.isoformat()} to {p_end.isoformat()}",
        f"Staging load test on {p_end.isoformat()}, {duration} minutes",
        f"{rng.choice(APMS)}, 7 days ending {p_end.isoformat()}",
    ])
    sample = rng.choice([f"{rng.randint(800, 90000):,} requests", f"{rng.randint(40, 4000):,} jobs",
                         f"{rng.randint(12, 72)} hours continuous", f"{rng.randint(200, 9000):,} sessions"])
    env = env_setup(rng, number, ctx)
    load = load_generation(rng, ctx)
    test_data = [f"- Molecule file size: `{rng.choice([0.4, 2, 5, 10, 25, 60, 120])}MB`",
                 f"- Number of concurrent users: `{users}`", f"- Test duration: `{duration}` minutes",
                 f"- Molecular complexity: `~{rng.randint(20, 80)} heavy atoms, {rng.randint(2, 14)} rotatable bonds`"]
    monitor = monitoring_commands(rng, ctx)

    targets_api = [f"- {e['subject']}: < {fmt_ms(rng, p95 * factor)} for {what}"]
    for name, lo, hi, qual in choose_some(rng, [("Docking job submission", 150, 800, ""), ("Results retrieval", 400, 2000, " for 100 results"),
                                                ("Authentication", 50, 200, ""), ("Job status poll", 30, 150, " at p95"),
                                                ("Molecule list", 100, 600, " for 50 rows")], 0, 2):
        if name != e["subject"]:
            targets_api.append(f"- {name}: < {fmt_ms(rng, rng.uniform(lo, hi))}{qual}")
    targets_tp = [f"- Concurrent users: {rng.choice([50, 100, 150, 250, 500])}+"]
    if rng.random() < 0.7:
        targets_tp.append(rng.choice([f"- Molecules processed: {rng.choice([50, 80, 120, 400])}/hour per worker",
                                      f"- API requests: {rng.choice([300, 800, 1500, 3000]):,}/second sustained",
                                      f"- Docking jobs: {rng.choice([200, 500, 1200]):,}/hour per GPU node"]))
    targets_res = [f"- Memory per container: < {fmt_mb(rng.choice([512, 1024, 1536, 2048, 4096]))}"]
    if rng.random() < 0.6:
        targets_res.append(f"- CPU per container: < {rng.choice([1, 2, 4])} cores under normal load")
    if not backendless and rng.random() < 0.5:
        targets_res.append(f"- Database connections: < {rng.choice([20, 30, 50])} per API instance")

    ux = USER_EXPERIENCE[min(3, max(0, level + rng.choice([-1, 0, 0, 1])))]
    capacity = choose_some(rng, SYSTEM_CAPACITY, 1, 2)

    stack = []
    if not backendless:
        stack.append(("Database Performance", "sql", sql_snippet(rng, ctx)))
        stack.append(("API Endpoint Analysis", "python", python_snippet(rng, ctx)))
    if front:
        stack.append(("Frontend Performance", "typescript", ts_snippet(rng, ctx)))

    lighthouse = None
    if front or rng.random() < 0.3:
        lighthouse = [f"Lighthouse {rng.choice(['11.4', '12.0'])}, results page, {rng.choice(['desktop', 'mobile, 4x CPU throttling'])}",
                      f"Performance Score: {rng.randint(22, 89)}/100",
                      f"Largest Contentful Paint: {rng.uniform(1.2, 9.5):.1f}s",
                      f"First Input Delay: {rng.randint(40, 900)}ms",
                      f"Total Blocking Time: {rng.randint(100, 4000):,}ms",
                      f"Cumulative Layout Shift: {rng.uniform(0, 0.4):.2f}"]
    containers = ["CONTAINER         CPU %    MEM USAGE / LIMIT     MEM %"]
    names = ["api", "worker"] + (["worker-gpu"] if "docking-engine-processing" in comps else []) + ["postgres", "redis"]
    for name in names:
        limit = rng.choice([1024, 2048, 4096])
        used = limit * rng.uniform(0.1, 0.97)
        containers.append(f"{name:<17} {rng.uniform(0.5, 99.8):.1f}%{'':<4} {fmt_mb(used) + ' / ' + fmt_mb(limit):<21} "
                          f"{100 * used / limit:.1f}%")
    dbstats = None
    dbstats_in_compact = rng.random() < 0.5
    if not backendless:
        total = rng.choice([100, 200, 300])
        dbstats = [f"Connections: {rng.randint(10, total)}/{total}",
                   f"Buffer hit ratio: {rng.randint(70, 99)}%",
                   f"Slow queries: {rng.randint(16, 400)} (last {rng.choice(['hour', '24 hours'])})",
                   f"Index usage: {rng.randint(40, 99)}%"]

    opt_blocks = []
    ticked_opts = {}
    for cat, items in OPTIMIZATIONS:
        if cat == "Frontend" and not front and rng.random() < 0.7:
            continue
        if cat != "Frontend" and backendless and cat != "Infrastructure":
            continue
        ticked_opts[cat] = choose_some(rng, items, 1, 2)
        pool = CUSTOM_OPTIMIZATIONS[cat]
        custom = []
        if rng.random() < 0.35:
            custom.append("- [x] " + fill(rng, rng.choice(pool), ctx))
        if rng.random() < 0.2:
            custom.append("- " + fill(rng, rng.choice(pool), ctx))
        opt_blocks.append((cat, items, custom))
    arch = []
    if rng.random() < 0.5:
        arch.append(("Caching Strategy", "python", caching_snippet(rng, ctx)))
    else:
        arch.append(("Caching Strategy", None, [prose(rng, SUMMARY_SENTENCES, ctx, 1)]))
    if not backendless and rng.random() < 0.6:
        arch.append(("Database Schema", "sql", schema_snippet(rng, ctx)))

    load_testing = choose_some(rng, LOAD_TESTING, 1, 3)
    monitoring = choose_some(rng, MONITORING, 1, 3)
    a, b, c = rng.choice([30, 50, 60, 75, 90]), rng.choice([50, 100, 200, 400]), rng.choice([20, 30, 50])
    success_lines = [(s, s.format(a=a, b=b, c=c)) for s in SUCCESS]
    success = [s for s, _ in choose_some(rng, success_lines, 1, 3)]

    priority_text = priority
    effort_text = effort
    if rng.random() < 0.01:
        effort_text = "[S/M/L/XL]"  # a placeholder left as the template wrote it: one warning, as in real issues

    earlier = [n for n in history.get(e["ep"], []) if n < number]
    rel = sorted(rng.sample(earlier, min(len(earlier), rng.randint(1, 3)))) if earlier else []
    if number > 1 and rng.random() < 0.3:
        rel = sorted(dedup(rel + [rng.randint(1, number - 1)]))
    related = [f"- Related performance issues: {', '.join('#' + str(n) for n in rel) if rel else 'none yet'}",
               f"- Blocking features: {rng.choice(['bulk library import', 'pose comparison across receptors', 'SSO for enterprise tenants', 'nightly screening campaigns', 'project export v2'])}",
               f"- Architecture decisions: ADR-{rng.randint(1, 40):03d} ({rng.choice(['long-running work only in workers', 'tenant isolation with RLS', 'pose files on S3', 'read models for lists'])})"]
    history.setdefault(e["ep"], []).append(number)
    references = ["- Performance requirements: `project_design/NFR.md`",
                  "- Architecture docs: `project_design/ARCHITECTURE.md`",
                  f"- Monitoring runbook: `project_design/RUNBOOK.md#{slugify(e['subject'], 30)}`",
                  f"- Similar optimizations: {('#' + str(rng.randint(1, number - 1))) if number > 1 and rng.random() < 0.5 else rng.choice(['RDKit ForwardSDMolSupplier for streaming parse', 'Postgres keyset pagination notes', 'Celery routing guide'])}"]
    history_lines = [("until", "Performance was acceptable until [event/change]"),
                     ("gradual", "Gradual degradation over [time period]"),
                     ("sudden", "Sudden regression after [deployment/change]")]
    history_pick = rng.choice(["until", "gradual", "sudden"])
    detail = {"until": f"Performance was acceptable until {rng.choice(RELEASES)} ({rng.choice(CHANGES)})",
              "gradual": f"Gradual degradation over the last {rng.choice(WEEKS)} weeks as {rng.choice(['tenants grew past 1M poses', 'customers moved to vendor libraries', 'batch sizes doubled', 'more organizations joined the shared pool'])}",
              "sudden": f"Sudden regression after deploying {rng.choice(RELEASES)} ({rng.choice(CHANGES)})"}[history_pick]
    history_lines = [(k, detail if k == history_pick else text) for k, text in history_lines]
    feedback = f"\"{rng.choice(FEEDBACK)}\" (Org: {rng.choice(ORGS)})"
    business = prose(rng, BUSINESS_SENTENCES, ctx, rng.randint(1, 2))
    follow_up = ""
    if closed:
        g = rng.uniform(0.15, 0.5)
        follow_up = (f"**Follow-up {closed_day.isoformat()}:** shipped in {rng.choice(RELEASES)}. Production, one week: "
                     f"`{fmt_ms(rng, p50 * g)}` (p50), `{fmt_ms(rng, p95 * g)}` (p95), `{fmt_ms(rng, p99 * g)}` (p99). Closing.")

    # -- fit the size: add padding chunks, round robin, until the file reaches its target
    pad = dict(summary=0, business=0, profile=0, plan=0, k6=0, updates=0)
    limits = dict(summary=len(summary_more), business=len(business_more), profile=len(prof_extra),
                  plan=0 if backendless else len(plan_extra), k6=len(k6_extra), updates=len(updates))
    tier = 0
    for t in (2, 1):
        if len(render(t, pad).encode()) <= target_bytes:
            tier = t
            break
    text = render(tier, pad)
    size = len(text.encode())
    order = ["profile", "profile", "plan", "summary", "profile", "updates", "k6", "business", "plan", "profile"]
    step = 0
    stalled = 0
    while size < target_bytes and stalled < len(order):
        slot = order[step % len(order)]
        step += 1
        if pad[slot] >= limits[slot]:
            stalled += 1
            continue
        pad[slot] += 1
        candidate = render(tier, pad)
        csize = len(candidate.encode())
        if csize > MAX_BYTES:
            pad[slot] -= 1
            stalled += 1
            continue
        stalled = 0
        text, size = candidate, csize
    return f"{number:05d}-{slug}.md", text


def target_size(number):
    rng = random.Random(SEED * 31 + number)
    # Most issues 3-8 KB, a long tail to 15 KB, a few short ones near 2 KB.
    return int(MIN_BYTES + (MAX_BYTES - MIN_BYTES - 300) * rng.betavariate(1.3, 2.6))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("count", type=int, help="number of issues")
    ap.add_argument("outdir", help="writes OUTDIR/content/*.md")
    ap.add_argument("--check", metavar="PERFSITE", help="then run `PERFSITE check` on the corpus")
    args = ap.parse_args()
    if args.count < 1:
        ap.error("N must be at least 1")
    content = os.path.join(args.outdir, "content")
    os.makedirs(content, exist_ok=True)
    for name in os.listdir(content):
        if name.endswith(".md"):
            os.remove(os.path.join(content, name))
    history = {}
    sizes = []
    for number in range(1, args.count + 1):
        name, text = make_issue(number, args.count, history, target_size(number))
        data = text.encode()
        sizes.append(len(data))
        with open(os.path.join(content, name), "wb") as f:
            f.write(data)
    sizes.sort()

    def q(p):
        return sizes[min(len(sizes) - 1, int(p * len(sizes)))]

    print(f"wrote {len(sizes)} issues to {content}: {sum(sizes) / 1024 / 1024:.1f} MB")
    print(f"size bytes: min {sizes[0]:,}  p10 {q(0.1):,}  median {int(statistics.median(sizes)):,}  "
          f"p90 {q(0.9):,}  max {sizes[-1]:,}")
    buckets = [0] * 16
    for s in sizes:
        buckets[min(15, s // 1024)] += 1
    for kb, c in enumerate(buckets):
        if c:
            print(f"  {kb:2d}-{kb + 1:2d} KB {c:6d} {'#' * max(1, round(60 * c / len(sizes)))}")
    if args.check:
        return subprocess.run([args.check, "check", "--content", content]).returncode
    return 0


if __name__ == "__main__":
    sys.exit(main())
