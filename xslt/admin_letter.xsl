<?xml version="1.0" encoding="UTF-8"?>
<!-- A letter as sent, to print on A4 (GB/T 9704's type area and sizes): without the site's frame,
     the text, then the signing body's signature line and the date of the step, with the space
     for the seal over them. Styles: static/letter.css. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="html" encoding="UTF-8" indent="no" media-type="text/html"/>
  <xsl:variable name="l" select="/page/letter"/>

  <xsl:template match="/">
    <html lang="zh-CN">
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="concat($l/@title, ' ', $l/@tracking-no)"/></title>
        <link rel="stylesheet" href="{/page/@static}/letter.css"/>
      </head>
      <body>
        <nav class="no-print" aria-label="告知书">
          <a href="{/page/site/@base}admin/requests/{$l/@request}">返回申请</a>
          <span>　打印：使用浏览器的“打印”，纸张A4，不加页眉页脚。</span>
        </nav>
        <main>
          <article class="letter" aria-labelledby="letter-title">
            <h1 id="letter-title"><xsl:value-of select="$l/@title"/></h1>
            <p class="letter-no">受理编号：<xsl:value-of select="$l/@tracking-no"/></p>
            <xsl:for-each select="$l/p">
              <p>
                <xsl:if test="position() = 1"><xsl:attribute name="class">to</xsl:attribute></xsl:if>
                <xsl:value-of select="."/>
              </p>
            </xsl:for-each>
            <xsl:if test="string($l/@signature)">
              <div class="sign">
                <div class="seal" role="img" aria-label="盖章处"></div>
                <p class="signature"><xsl:value-of select="$l/@signature"/></p>
                <p class="date"><xsl:value-of select="$l/@date"/></p>
              </div>
            </xsl:if>
          </article>
        </main>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
