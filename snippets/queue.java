///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25
//DESCRIPTION Queue: a producer, consumers, a bounded BlockingQueue and a poison pill
//DOCS ../docs/threads.md

/*
 * Question: one thread produces work faster than two others can handle it. How do they
 * hand it over, what keeps the producer from running ahead, and how do the consumers
 * learn that the work is done?
 * Answer: a bounded BlockingQueue. put() blocks while the queue is full, so the
 * producer waits for the consumers (back-pressure) and memory stays bounded; take()
 * blocks while it is empty. The queue hands each item to exactly one consumer. A
 * poison pill, one per consumer, put after the last item, tells each consumer to stop.
 * Claim: on any machine, the producer finds the queue full and waits, the queue never
 * holds more than its capacity, every item is consumed exactly once, and every consumer
 * stops at a pill.
 */
// No imports: a compact source file (JEP 512) imports all of java.base.

static final int ITEMS = 100, CAPACITY = 4, CONSUMERS = 2;
static final Duration WORK = Duration.ofMillis(1);      // a consumer's time per item

record Job(int id) {}
static final Job POISON = new Job(-1);                 // compared by identity: "no more"

void main(String[] args) throws Exception {
    noArguments(args);
    print("CPUs: %d; 1 producer, %d consumers, %d items, ArrayBlockingQueue of capacity"
            + " %d; a consumer works %d ms per item",
            Runtime.getRuntime().availableProcessors(), CONSUMERS, ITEMS, CAPACITY,
            WORK.toMillis());
    var consumed = new AtomicIntegerArray(ITEMS);     // how often each item was taken
    var taken = new ArrayList<Future<Integer>>();
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
        // tag::core[]
        BlockingQueue<Job> queue = new ArrayBlockingQueue<>(CAPACITY);
        for (int c = 0; c < CONSUMERS; c++) {
            taken.add(executor.submit(() -> {
                int count = 0;
                for (Job job; (job = queue.take()) != POISON; count++) { // waits if empty
                    Thread.sleep(WORK);                   // stands for the real work
                    consumed.incrementAndGet(job.id());
                }
                return count;                             // took a pill: no more work
            }));
        }
        int full = 0, largest = 0;
        long waited = System.nanoTime();
        for (int id = 0; id < ITEMS; id++) {
            largest = Math.max(largest, queue.size());
            if (queue.offer(new Job(id))) continue;      // room: handed over at once
            full++;
            queue.put(new Job(id));                       // full: wait for a consumer
        }
        for (int c = 0; c < CONSUMERS; c++) queue.put(POISON);  // one pill per consumer
        // end::core[]
        print("producer : found the queue full %d times and waited in put()", full);
        print("queue    : largest size seen %d of capacity %d (never more)", largest,
                CAPACITY);
        var counts = new ArrayList<Integer>();
        for (Future<Integer> count : taken) counts.add(count.get(1, TimeUnit.MINUTES));
        print("consumers: %d stopped at a poison pill, items taken: %s", counts.size(),
                counts.stream().map(String::valueOf).collect(Collectors.joining(" + ")));
    }
    print("items    : %d of %d consumed exactly once", exactlyOnce(consumed), ITEMS);
}

/** How many items were consumed exactly once (not lost, not twice). */
int exactlyOnce(AtomicIntegerArray consumed) {
    int once = 0;
    for (int i = 0; i < consumed.length(); i++) if (consumed.get(i) == 1) once++;
    return once;
}

void print(String format, Object... values) {
    IO.println(String.format(Locale.ROOT, format, values));
}

static final String USAGE = "usage: queue.java   (no arguments)";

/** --help prints the usage (exit 0); any other argument fails (exit 2). */
void noArguments(String[] args) {
    if (args.length == 0) return;
    if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
        IO.println(USAGE);
        System.exit(0);
    }
    System.err.println(USAGE);
    System.exit(2);
}
