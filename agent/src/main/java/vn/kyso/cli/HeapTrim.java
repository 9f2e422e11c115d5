package vn.kyso.cli;

/**
 * Hands the heap an idle agent no longer needs back to the system. The serial collector gives memory back only when
 * it collects the old generation, and then in damped steps — nothing at the first full collection after a growth,
 * 10 %, 40 %, then all of the excess at the fourth — so that a program calling {@code System.gc()} between phases does
 * not shrink and regrow. One collection after a signature thus kept the heap as large as the signature made it.
 * Collects again while more than a third of the heap is free after a collection (more than the launcher's
 * {@code MaxHeapFreeRatio} of 30 % allows), at most {@link #MAX_COLLECTIONS} times.
 */
final class HeapTrim {

    /** The damped steps end at the fourth collection. */
    static final int MAX_COLLECTIONS = 4;

    /** What a trim needs of the heap; the JVM's own in the agent. */
    interface Heap {
        void collect();

        long committed();

        long free();
    }

    static final Heap JVM = new Heap() {
        @Override
        public void collect() {
            System.gc();
        }

        @Override
        public long committed() {
            return Runtime.getRuntime().totalMemory();
        }

        @Override
        public long free() {
            return Runtime.getRuntime().freeMemory();
        }
    };

    private HeapTrim() {
    }

    /** Trims the JVM's heap. */
    static void run() {
        run(JVM);
    }

    /** Returns how many collections it made. */
    static int run(Heap heap) {
        int collections = 0;
        do {
            heap.collect();
            collections++;
        } while (collections < MAX_COLLECTIONS && heap.free() * 3 > heap.committed());
        return collections;
    }
}
