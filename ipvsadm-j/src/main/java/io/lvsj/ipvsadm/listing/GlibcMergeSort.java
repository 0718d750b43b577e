package io.lvsj.ipvsadm.listing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * glibc 2.36's {@code qsort}: a top-down merge sort that splits at {@code n / 2} and takes from
 * the left run while the comparison is {@code <= 0}. ipvsadm's comparators subtract unsigned
 * values as signed ints and are therefore not transitive, so the order it prints depends on
 * this exact algorithm; Java's own sort would print another order (or throw).
 */
public final class GlibcMergeSort {
    private GlibcMergeSort() {
    }

    public static <T> List<T> sort(List<T> items, Comparator<? super T> comparator) {
        @SuppressWarnings("unchecked")
        T[] array = (T[]) items.toArray();
        @SuppressWarnings("unchecked")
        T[] scratch = (T[]) new Object[array.length];
        sort(array, scratch, 0, array.length, comparator);
        List<T> out = new ArrayList<>(array.length);
        for (T t : array) {
            out.add(t);
        }
        return out;
    }

    private static <T> void sort(T[] a, T[] scratch, int from, int n, Comparator<? super T> comparator) {
        if (n <= 1) {
            return;
        }
        int n1 = n / 2;
        int n2 = n - n1;
        sort(a, scratch, from, n1, comparator);
        sort(a, scratch, from + n1, n2, comparator);
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
