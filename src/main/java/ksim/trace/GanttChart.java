package ksim.trace;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.io.IOException;
import java.io.OutputStream;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * The per-CPU timeline as a picture: one row per CPU, a bar for every run of a task, a colour
 * per task and a legend. The tasks that ran longest get colours of their own (ties by pid);
 * the rest share one grey "other tasks" entry, so the legend stays readable. Drawn by
 * JFreeChart, as SVG through JFreeSVG or as PNG.
 */
final class GanttChart {
    private GanttChart() {}

    /** How many tasks get a colour and a legend entry of their own. */
    static final int NAMED_TASKS = 12;
    private static final Color[] PALETTE = {
        new Color(0x4E79A7), new Color(0xF28E2B), new Color(0xE15759), new Color(0x76B7B2),
        new Color(0x59A14F), new Color(0xEDC948), new Color(0xB07AA1), new Color(0xFF9DA7),
        new Color(0x9C755F), new Color(0x2F4B7C), new Color(0xA05195), new Color(0x665191)
    };
    private static final Color OTHER = new Color(0xBAB0AC);

    static JFreeChart chart(Timeline t, String title) {
        Map<Integer, Long> runtime = t.runtime();
        List<Integer> byTime = new ArrayList<>(runtime.keySet());
        byTime.sort(Comparator.<Integer>comparingLong(runtime::get).reversed().thenComparing(Comparator.naturalOrder()));
        Map<Integer, XYIntervalSeries> seriesOf = new LinkedHashMap<>();
        XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
        for (int i = 0; i < Math.min(NAMED_TASKS, byTime.size()); i++) {
            int pid = byTime.get(i);
            XYIntervalSeries s = new XYIntervalSeries(t.comms.getOrDefault(pid, "?") + " (" + pid + ")", false, true);
            seriesOf.put(pid, s);
            data.addSeries(s);
        }
        XYIntervalSeries other = null;
        if (byTime.size() > NAMED_TASKS) {
            other = new XYIntervalSeries("other tasks (" + (byTime.size() - NAMED_TASKS) + ")", false, true);
            data.addSeries(other);
        }
        for (Timeline.Slice s : t.slices) {
            XYIntervalSeries series = seriesOf.getOrDefault(s.pid(), other);
            double x0 = s.start() / 1e6, x1 = s.end() / 1e6;
            series.add(x0, x0, x1, s.cpu(), s.cpu() - 0.35, s.cpu() + 0.35);
        }

        DecimalFormat ms = new DecimalFormat("0.###", DecimalFormatSymbols.getInstance(Locale.ROOT));
        NumberAxis time = new NumberAxis("time since boot (ms)");
        time.setNumberFormatOverride(ms);
        time.setAutoRangeIncludesZero(false);
        String[] cpuNames = new String[t.cpus];
        for (int i = 0; i < t.cpus; i++) {
            cpuNames[i] = "CPU " + i;
        }
        SymbolAxis cpus = new SymbolAxis(null, cpuNames);
        cpus.setInverted(true); // CPU 0 on top, as trace viewers list them
        cpus.setGridBandsVisible(false);
        XYBarRenderer bars = new XYBarRenderer();
        bars.setUseYInterval(true);
        bars.setBarPainter(new StandardXYBarPainter());
        bars.setShadowVisible(false);
        bars.setDrawBarOutline(false);
        bars.setDefaultToolTipGenerator(null);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            bars.setSeriesPaint(i, data.getSeries(i) == other ? OTHER : PALETTE[i % PALETTE.length]);
        }
        XYPlot plot = new XYPlot(data, time, cpus, bars);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xDDDDDD));
        plot.setDomainGridlineStroke(new BasicStroke(0.5f));
        plot.setRangeGridlinesVisible(false);
        JFreeChart chart = new JFreeChart(title, new Font("SansSerif", Font.BOLD, 14), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        LegendTitle legend = chart.getLegend();
        legend.setPosition(RectangleEdge.BOTTOM);
        return chart;
    }

    static int width() {
        return 1200;
    }

    static int height(Timeline t) {
        return 200 + 50 * t.cpus;
    }

    static String svg(Timeline t, String title) {
        JFreeChart chart = chart(t, title);
        SVGGraphics2D g = new SVGGraphics2D(width(), height(t));
        g.setDefsKeyPrefix("ksim"); // ids from a fixed prefix, not the clock: the same run gives the same file
        chart.draw(g, new Rectangle(0, 0, width(), height(t)));
        return g.getSVGDocument();
    }

    static void png(Timeline t, String title, OutputStream out) throws IOException {
        ChartUtils.writeChartAsPNG(out, chart(t, title), width(), height(t));
    }
}
