// sitewatch_corpus_bench: the content detector over the corpus (tests/corpus). Prints the
// confusion table per condition (true positives, false negatives, false positives, benign
// totals), every case it gets wrong, and analysis throughput: pages/s, MB/s, mean and p99 CPU
// microseconds per page for feature extraction alone and for the full analysis (extraction,
// signatures, baseline comparison), i.e. the CPU a content check adds to each check.
//
// CPU time is the process's (clock_gettime(CLOCK_PROCESS_CPUTIME_ID)): the bench is
// single-threaded, so it is this thread's work. Each measurement is repeated --reps times
// over the whole corpus so a page's figure is not one cold run.
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "checks/baseline/content_baseline.h"
#include "checks/content/page_features.h"
#include "checks/model/check_spec.h"
#include "checks/model/response.h"
#include "checks/page/page_analyser.h"
#include "tests/corpus/corpus.h"

namespace {

using namespace sitewatch;
using sitewatch::checks::ContentBaseline;
using sitewatch::checks::PageAnalyser;
using sitewatch::corpus::CorpusPage;
using sitewatch::corpus::CorpusSite;
using sitewatch::corpus::load_time;
using sitewatch::corpus::response_for;

struct Options {
    std::string corpus_dir = SITEWATCH_CORPUS_DIR;
    int reps = 5;
    bool list_all = false;
};

void usage(std::FILE* to) {
    std::fprintf(to,
                 "usage: sitewatch_corpus_bench [--corpus DIR] [--reps N] [--list] [--help]\n"
                 "\n"
                 "Runs the content detector (PageAnalyser with a baseline learned from each\n"
                 "site's learning loads) over every case of the corpus and prints:\n"
                 "  - the confusion table per condition: TP (labelled cases with a critical\n"
                 "    finding of that condition), FN (labelled cases without one), FP (benign\n"
                 "    cases with any finding of that condition), and the benign totals;\n"
                 "  - every case it gets wrong, with the findings it raised;\n"
                 "  - throughput: pages/s, MB/s, mean and p99 CPU us per page, for feature\n"
                 "    extraction alone and for the full analysis.\n"
                 "\n"
                 "  --corpus DIR  corpus directory holding templates/ (default: %s)\n"
                 "  --reps N      timing repetitions over the whole corpus (default 5)\n"
                 "  --list        print every case's verdict, not only the wrong ones\n"
                 "  --help        this text\n",
                 SITEWATCH_CORPUS_DIR);
}

double cpu_seconds() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

std::string describe(const Findings& findings) {
    if (findings.empty()) return "no findings";
    std::string out;
    for (const auto& f : findings) {
        if (!out.empty()) out += "; ";
        out += std::string(to_string(f.severity)) + " " + to_string(f.condition) + " [" +
               f.evidence.rule + "] " + f.summary;
    }
    return out;
}

struct SiteRun {
    const CorpusSite* site = nullptr;
    CheckSpec spec;
    std::unique_ptr<PageAnalyser> analyser;
    ContentBaseline baseline;
    bool started = false;
    int unlearned = 0;
    std::vector<Response> responses;  // one per case, built once (not timed)
};

struct Stats {
    std::vector<double> us;  // CPU microseconds per page
    double bytes = 0;
    double seconds = 0;
};

void print_stats(const char* what, Stats& s) {
    std::sort(s.us.begin(), s.us.end());
    const size_t n = s.us.size();
    if (n == 0) return;
    double sum = 0;
    for (double u : s.us) sum += u;
    const double p99 = s.us[std::min(n - 1, (n * 99 + 99) / 100 - 1)];
    std::printf("  %-38s %8.0f pages/s %8.1f MB/s   mean %7.0f us   p50 %7.0f us   p99 %7.0f us\n",
                what, double(n) / s.seconds, s.bytes / s.seconds / 1e6, sum / double(n),
                s.us[n / 2], p99);
}

}  // namespace

int main(int argc, char** argv) {
    Options opt;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--help" || a == "-h") {
            usage(stdout);
            return 0;
        } else if (a == "--corpus" && i + 1 < argc) {
            opt.corpus_dir = argv[++i];
        } else if (a == "--reps" && i + 1 < argc) {
            opt.reps = std::max(1, std::atoi(argv[++i]));
        } else if (a == "--list") {
            opt.list_all = true;
        } else {
            std::fprintf(stderr, "sitewatch_corpus_bench: unknown argument '%s'\n", a.c_str());
            usage(stderr);
            return 2;
        }
    }

    const double load_start = cpu_seconds();
    std::vector<CorpusSite> sites;
    try {
        sites = corpus::load_corpus(opt.corpus_dir);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "sitewatch_corpus_bench: %s\n", e.what());
        return 2;
    }
    const double load_cpu = cpu_seconds() - load_start;

    // Learn each site's baseline from its learning loads, as the monitor does.
    std::vector<SiteRun> runs;
    Stats learn_stats;
    for (const auto& s : sites) {
        SiteRun run;
        run.site = &s;
        run.analyser = std::make_unique<PageAnalyser>(run.spec);
        int n = 0;
        for (const auto& page : s.learning) {
            const Response r = response_for(s, page);
            const double t0 = cpu_seconds();
            auto v = run.analyser->analyse(r, run.started ? &run.baseline : nullptr);
            if (v.findings.empty() && v.sample) {
                if (!run.started)
                    run.baseline = checks::start_baseline(
                        *v.sample, run.spec.defacement_learn_samples, load_time(n));
                else
                    checks::learn(run.baseline, *v.sample, load_time(n));
                run.started = true;
            } else {
                ++run.unlearned;
                std::printf("learning load %s/%s raised: %s\n", s.name.c_str(), page.name.c_str(),
                            describe(v.findings).c_str());
            }
            const double dt = cpu_seconds() - t0;
            learn_stats.us.push_back(dt * 1e6);
            learn_stats.seconds += dt;
            learn_stats.bytes += double(page.html.size());
            ++n;
        }
        for (const auto& page : s.cases) run.responses.push_back(response_for(s, page));
        runs.push_back(std::move(run));
    }

    // --- Verdicts and the confusion table
    struct Row {
        int labelled = 0, tp = 0, fn = 0, fp_benign = 0, on_other = 0;
    };
    std::map<Condition, Row> rows;
    int benign_total = 0, benign_clean = 0, benign_warning_only = 0, benign_critical = 0;
    std::vector<std::string> wrong;
    std::printf("sitewatch_corpus_bench: corpus %s\n\n", opt.corpus_dir.c_str());
    std::printf("%-9s %9s %7s %9s %9s\n", "site", "learning", "benign", "malicious", "bytes");
    for (const auto& run : runs) {
        int benign = 0, bad = 0;
        double bytes = 0;
        for (const auto& p : run.site->cases) {
            (p.expected ? bad : benign)++;
            bytes += double(p.html.size());
        }
        std::printf("%-9s %9zu %7d %9d %9.0f\n", run.site->name.c_str(), run.site->learning.size(),
                    benign, bad, bytes);
    }
    std::printf("\n");

    for (const auto& run : runs) {
        const auto& cases = run.site->cases;
        for (size_t i = 0; i < cases.size(); ++i) {
            const CorpusPage& page = cases[i];
            const Findings f =
                run.analyser->analyse(run.responses[i], run.started ? &run.baseline : nullptr)
                    .findings;
            const std::string name = run.site->name + "/" + page.name;
            bool ok = true;
            if (!page.expected) {
                ++benign_total;
                bool critical = false;
                for (const auto& x : f) critical |= x.severity == Severity::critical;
                if (f.empty())
                    ++benign_clean;
                else if (critical)
                    ++benign_critical;
                else
                    ++benign_warning_only;
                std::map<Condition, bool> seen;
                for (const auto& x : f) seen[x.condition] = true;
                for (const auto& [c, _] : seen) ++rows[c].fp_benign;
                ok = f.empty();
            } else {
                Row& row = rows[*page.expected];
                ++row.labelled;
                const bool hit = std::any_of(f.begin(), f.end(), [&](const Finding& x) {
                    return x.severity == Severity::critical && x.condition == *page.expected;
                });
                (hit ? row.tp : row.fn)++;
                std::map<Condition, bool> seen;
                for (const auto& x : f)
                    if (x.severity == Severity::critical && x.condition != *page.expected)
                        seen[x.condition] = true;
                for (const auto& [c, _] : seen) ++rows[c].on_other;
                ok = hit;
            }
            const std::string line = std::string(ok ? "ok    " : "WRONG ") + name + " (" +
                                     corpus::label(page) + "): " + describe(f);
            if (!ok) wrong.push_back(line);
            if (opt.list_all) std::printf("%s\n", line.c_str());
        }
    }
    if (opt.list_all) std::printf("\n");

    std::printf(
        "Confusion table (TP/FN: labelled cases with/without a critical finding of the "
        "condition;\nFP: benign cases with any finding of it; also: critical findings "
        "of it on cases labelled otherwise)\n\n");
    std::printf("%-10s %9s %5s %5s %5s %6s\n", "condition", "labelled", "TP", "FN", "FP", "also");
    Row total;
    for (Condition c : kAllConditions) {
        const Row& r = rows[c];
        std::printf("%-10s %9d %5d %5d %5d %6d\n", to_string(c), r.labelled, r.tp, r.fn,
                    r.fp_benign, r.on_other);
        total.labelled += r.labelled;
        total.tp += r.tp;
        total.fn += r.fn;
    }
    std::printf("%-10s %9d %5d %5d\n", "all", total.labelled, total.tp, total.fn);
    std::printf(
        "\nbenign: %d cases, %d raised nothing, %d raised only warnings, %d raised a "
        "critical finding\n",
        benign_total, benign_clean, benign_warning_only, benign_critical);
    std::printf("detection rate %.1f %%, benign false-alarm rate %.1f %%\n",
                total.labelled ? 100.0 * total.tp / total.labelled : 0.0,
                benign_total ? 100.0 * (benign_total - benign_clean) / benign_total : 0.0);
    if (!wrong.empty()) {
        std::printf("\nWrong verdicts (%zu):\n", wrong.size());
        for (const auto& w : wrong) std::printf("  %s\n", w.c_str());
    }

    // --- Throughput
    Stats extract_all, analyse_all, analyse_benign, analyse_bad;
    for (int rep = 0; rep < opt.reps; ++rep) {
        for (const auto& run : runs) {
            const auto& cases = run.site->cases;
            for (size_t i = 0; i < cases.size(); ++i) {
                const Response& r = run.responses[i];
                const double size = double(r.body.size());

                double t0 = cpu_seconds();
                auto features = checks::extract_features(r.body, r.final_url);
                double dt = cpu_seconds() - t0;
                if (features.html_bytes == size_t(-1)) std::printf("?");  // keep it used
                extract_all.us.push_back(dt * 1e6);
                extract_all.seconds += dt;
                extract_all.bytes += size;

                t0 = cpu_seconds();
                auto v = run.analyser->analyse(r, run.started ? &run.baseline : nullptr);
                dt = cpu_seconds() - t0;
                if (v.findings.size() == size_t(-1)) std::printf("?");
                for (Stats* s :
                     {&analyse_all, cases[i].expected ? &analyse_bad : &analyse_benign}) {
                    s->us.push_back(dt * 1e6);
                    s->seconds += dt;
                    s->bytes += size;
                }
            }
        }
    }
    std::printf(
        "\nThroughput (CPU time, one thread, %d repetitions over %zu cases; corpus "
        "rendering took %.2f s CPU)\n",
        opt.reps, analyse_all.us.size() / size_t(opt.reps), load_cpu);
    print_stats("feature extraction, all cases", extract_all);
    print_stats("full analysis, all cases", analyse_all);
    print_stats("full analysis, benign cases", analyse_benign);
    print_stats("full analysis, broken/attacked cases", analyse_bad);
    print_stats("learning (analyse + learn)", learn_stats);
    double benign_mean = 0;
    for (double u : analyse_benign.us) benign_mean += u;
    if (!analyse_benign.us.empty()) benign_mean /= double(analyse_benign.us.size());
    std::printf("\nadded CPU per check (mean full analysis of a benign load): %.2f ms\n",
                benign_mean / 1000.0);
    return 0;
}
