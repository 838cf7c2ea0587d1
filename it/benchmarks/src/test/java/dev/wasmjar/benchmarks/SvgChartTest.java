package dev.wasmjar.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class SvgChartTest {
    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void oneBarPerValueOnALogScale() throws Exception {
        String svg = SvgChart.speedups("t <&>", List.of("a", "b"), List.of("x", "y"),
                new double[][] {{10, 100}, {Double.NaN, 1000}}, "axis");
        Document d = parse(svg); // well-formed XML, title escaped
        NodeList rects = d.getElementsByTagName("rect");
        int bars = 0;
        double h10 = -1;
        double h100 = -1;
        double h1000 = -1;
        for (int i = 0; i < rects.getLength(); i++) {
            Element r = (Element) rects.item(i);
            if (r.getElementsByTagName("title").getLength() == 1) {
                bars++;
                String title = r.getElementsByTagName("title").item(0).getTextContent();
                double h = Double.parseDouble(r.getAttribute("height"));
                if (title.equals("a, x: 10×")) {
                    h10 = h;
                } else if (title.equals("a, y: 100×")) {
                    h100 = h;
                } else if (title.equals("b, y: 1000×")) {
                    h1000 = h;
                }
            }
        }
        assertEquals(3, bars, "NaN draws no bar");
        // log scale: each decade adds the same height above the 1x line
        assertEquals(h100 - h10, h1000 - h100, 0.2);
        assertEquals(h10, h100 - h10, 0.2);
        assertTrue(svg.contains("t &lt;&amp;&gt;"));
    }

    @Test
    void slowerThanBaselineHangsBelowTheOneLine() throws Exception {
        String svg = SvgChart.speedups("t", List.of("p"), List.of("s"), new double[][] {{0.5}}, "axis");
        Document d = parse(svg);
        assertTrue(svg.contains("0.1×"), "the axis extends down to the decade below 0.5");
        assertFalse(svg.contains("NaN"));
        assertEquals("svg", d.getDocumentElement().getLocalName());
    }

    @Test
    void labelsUseTwoSignificantDigits() {
        assertEquals("37", SvgChart.label(37.4));
        assertEquals("3.1", SvgChart.label(3.14));
        assertEquals("0.42", SvgChart.label(0.4211));
        assertEquals("1234", SvgChart.label(1234.4));
    }
}
