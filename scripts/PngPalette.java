import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Rewrites a screenshot as a PNG of at most 256 colours, so the README's picture of the trace
 * viewer stays small (a browser's screenshot has thousands of anti-aliasing shades; a palette of
 * the 256 most common, each pixel mapped to the nearest, looks the same at a third of the size).
 * Run with the JDK's source launcher: {@code java scripts/PngPalette.java IN.png OUT.png}.
 */
public final class PngPalette {
    private PngPalette() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: java scripts/PngPalette.java IN.png OUT.png");
            System.exit(2);
        }
        BufferedImage in = ImageIO.read(new File(args[0]));
        int w = in.getWidth();
        int h = in.getHeight();
        int[] pixels = in.getRGB(0, 0, w, h, null, 0, w);
        IndexColorModel palette = palette(pixels);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_INDEXED, palette);
        WritableRaster raster = out.getRaster();
        Map<Integer, Integer> nearest = new HashMap<>();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = pixels[y * w + x] & 0xffffff;
                raster.setSample(x, y, 0, nearest.computeIfAbsent(rgb, c -> nearest(palette, c)));
            }
        }
        ImageIO.write(out, "png", new File(args[1]));
    }

    /** The 256 most common colours, each the mean of the pixels that round to it at 5 bits a channel. */
    private static IndexColorModel palette(int[] pixels) {
        Map<Integer, long[]> buckets = new HashMap<>();
        for (int p : pixels) {
            int key = ((p >> 19) & 31) << 10 | ((p >> 11) & 31) << 5 | ((p >> 3) & 31);
            long[] s = buckets.computeIfAbsent(key, k -> new long[4]);
            s[0]++;
            s[1] += (p >> 16) & 255;
            s[2] += (p >> 8) & 255;
            s[3] += p & 255;
        }
        List<long[]> common = new ArrayList<>(buckets.values());
        common.sort((a, b) -> Long.compare(b[0], a[0]));
        int n = Math.min(256, common.size());
        byte[] r = new byte[n];
        byte[] g = new byte[n];
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            long[] s = common.get(i);
            r[i] = (byte) (s[1] / s[0]);
            g[i] = (byte) (s[2] / s[0]);
            b[i] = (byte) (s[3] / s[0]);
        }
        return new IndexColorModel(8, n, r, g, b);
    }

    /** The palette entry nearest to {@code rgb} (green weighs most, as the eye sees it). */
    private static int nearest(IndexColorModel palette, int rgb) {
        int best = 0;
        long bestDistance = Long.MAX_VALUE;
        for (int i = 0; i < palette.getMapSize(); i++) {
            long dr = ((rgb >> 16) & 255) - palette.getRed(i);
            long dg = ((rgb >> 8) & 255) - palette.getGreen(i);
            long db = (rgb & 255) - palette.getBlue(i);
            long d = 3 * dr * dr + 4 * dg * dg + 2 * db * db;
            if (d < bestDistance) {
                bestDistance = d;
                best = i;
            }
        }
        return best;
    }
}
