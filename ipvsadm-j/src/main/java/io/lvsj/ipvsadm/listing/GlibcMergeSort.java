package io.lvsj.ipvsadm.listing;

/**
 * glibc 2.36's {@code qsort}: a top-down merge sort that splits at {@code n / 2} and takes from
 * the left run while the comparison is {@code <= 0}. ipvsadm's comparators subtract unsigned
 * values as signed ints and are therefore not transitive, so the order it prints depends on
 * this exact algorithm; Java's own sort would print another order (or throw). It sorts the
 * positions 0..n-1 of whatever the comparator looks at.
 */
final class GlibcMergeSort {
    private GlibcMergeSort() {
    }

    /** Compares the items at two positions, as a C comparator would. */
    interface PositionComparator {
        int compare(int a, int b);
    }

    /** The positions 0..n-1 in sorted order. */
    static int[] order(int n, PositionComparator comparator) {
        int[] positions = new int[n];
        for (int i = 0; i < n; i++) {
            positions[i] = i;
        }
        sort(positions, new int[n], 0, n, comparator);
        return positions;
    }

    private static void sort(int[] a, int[] scratch, int from, int n, PositionComparator comparator) {
        if (n <= 1) {
            return;
        }
        int n1 = n / 2;
        sort(a, scratch, from, n1, comparator);
        sort(a, scratch, from + n1, n - n1, comparator);
        int left = from;
        int right = from + n1;
        int leftEnd = right;
        int rightEnd = from + n;
        int out = 0;
        while (left < leftEnd && right < rightEnd) {
            if (comparator.compare(a[left], a[right]) <= 0) {
                scratch[out++] = a[left++];
            } else {
                scratch[out++] = a[right++];
            }
        }
        while (left < leftEnd) {
            scratch[out++] = a[left++];
        }
        // whatever remains of the right run is already in place
        System.arraycopy(scratch, 0, a, from, out);
    }
}
