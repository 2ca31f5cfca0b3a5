<?xml version="1.0" encoding="UTF-8"?>
<!-- The notice editor: the category's required items appear as fields; before publishing the
     page lists what is missing and whether publication is late, and asks for a reason. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="_admin.xsl"/>
  <xsl:template match="page" mode="title">
    <xsl:choose>
      <xsl:when test="pick-category">新建公开信息：选择信息类别</xsl:when>
      <xsl:when test="editor/@id">编辑公开信息</xsl:when>
      <xsl:otherwise>新建公开信息</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="page[pick-category]" mode="console">
    <h1>新建公开信息：选择信息类别</h1>
    <p>公开内容项随信息类别而定，请先选择本条信息所属的类别。</p>
    <xsl:for-each select="catalog/domain">
      <section class="pick" aria-labelledby="p-{@code}">
        <h2 id="p-{@code}"><xsl:value-of select="@name"/></h2>
        <ul><xsl:apply-templates select="category" mode="pick"/></ul>
      </section>
    </xsl:for-each>
  </xsl:template>
  <xsl:template match="category" mode="pick">
    <li><a href="{$admin}notices/new?category={@code}"><xsl:value-of select="@name"/></a>
      <xsl:if test="category"><ul><xsl:apply-templates select="category" mode="pick"/></ul></xsl:if>
    </li>
  </xsl:template>

  <xsl:template match="page" mode="console">
    <xsl:variable name="e" select="editor"/>
    <xsl:variable name="action">
      <xsl:choose>
        <xsl:when test="$e/@id"><xsl:value-of select="concat($admin, 'notices/', $e/@id)"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="concat($admin, 'notices')"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <h1><xsl:apply-templates select="/page" mode="title"/></h1>
    <xsl:if test="$e/@done">
      <p class="message ok" role="status">
        <xsl:choose>
          <xsl:when test="$e/@done = 'notice.publish'">已发布。</xsl:when>
          <xsl:when test="$e/@done = 'notice.submit'">已提交审核，待审核人同意后发布。</xsl:when>
          <xsl:when test="$e/@done = 'notice.withdraw'">已撤回。</xsl:when>
          <xsl:when test="$e/@done = 'notice.attach'">附件已上传。</xsl:when>
          <xsl:when test="$e/@done = 'notice.once'">这份表单已经提交过，没有再次保存；以下是第一次提交时保存的信息。</xsl:when>
          <xsl:otherwise>已保存。</xsl:otherwise>
        </xsl:choose>
      </p>
    </xsl:if>
    <xsl:if test="$e/error">
      <div class="form-error" role="alert" id="form-error">
        <xsl:choose>
          <xsl:when test="$e/error/@field">
            <p><a href="#f-{translate($e/error/@field, '.', '-')}"><xsl:value-of select="$e/error/@label"/></a>：<xsl:value-of select="$e/error"/></p>
          </xsl:when>
          <xsl:otherwise><p><xsl:value-of select="$e/error"/></p></xsl:otherwise>
        </xsl:choose>
      </div>
    </xsl:if>
    <p class="meta">
      信息类别：<xsl:value-of select="$e/category/@path"/>
      <xsl:if test="$e/@id"> · 状态：<xsl:apply-templates select="$e/@status" mode="label"/>
        <xsl:if test="$e/published/@index-no"> · 索引号 <xsl:value-of select="$e/published/@index-no"/></xsl:if>
        · <a href="{$admin}notices/{$e/@id}/versions">版本记录</a>
        <xsl:if test="$e/@status = 'published'"> · <a href="{$base}n/{$e/@id}">查看公开页面</a></xsl:if>
        <xsl:for-each select="$e/from-request"> · 由依申请公开 <a href="{$admin}requests/{@id}"><xsl:value-of select="@tracking-no"/></a> 转为主动公开</xsl:for-each>
      </xsl:if>
    </p>

    <xsl:if test="$e/completeness or $e/timeliness">
      <section class="checks" aria-labelledby="checks-h">
        <h2 id="checks-h">发布前检查</h2>
        <xsl:choose>
          <xsl:when test="$e/completeness/missing">
            <div class="warning" id="missing-items">
              <p>缺少<xsl:value-of select="count($e/completeness/missing)"/>项本类别应公开的内容：</p>
              <ul><xsl:for-each select="$e/completeness/missing"><li><xsl:value-of select="@label"/></li></xsl:for-each></ul>
            </div>
          </xsl:when>
          <xsl:otherwise><p class="ok">本类别应公开的内容已齐全。</p></xsl:otherwise>
        </xsl:choose>
        <xsl:for-each select="$e/timeliness">
          <xsl:choose>
            <xsl:when test="@late-by &gt; 0">
              <p class="warning" id="late-warning">已超过公开时限：应于 <xsl:value-of select="@due"/> 前公开（成文后<xsl:value-of select="@limit"/>个工作日），现已超过 <xsl:value-of select="@late-by"/> 个工作日。</p>
            </xsl:when>
            <xsl:otherwise>
              <p>公开时限：<xsl:value-of select="@due"/> 前（成文后<xsl:value-of select="@limit"/>个工作日）<xsl:if test="@provisional">，暂定：该年度节假日安排尚未公布</xsl:if>。</p>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
      </section>
    </xsl:if>

    <form method="post" action="{$action}" class="editor">
      <xsl:if test="not($e/@id)"><xsl:attribute name="enctype">multipart/form-data</xsl:attribute></xsl:if>
      <xsl:call-template name="csrf"/>
      <input type="hidden" name="category" value="{$e/field[@name='category']}"/>
      <!-- The version this page shows: a save from an older page is refused, not written over
           what others saved since. -->
      <xsl:if test="$e/@version"><input type="hidden" name="version" value="{$e/@version}"/></xsl:if>
      <xsl:if test="$e/@stamp"><input type="hidden" name="stamp" value="{$e/@stamp}"/></xsl:if>
      <!-- A new notice's form is single-use: sent twice, it makes one notice. -->
      <xsl:if test="not($e/@id) and $e/@form-token"><input type="hidden" name="form_token" value="{$e/@form-token}"/></xsl:if>
      <xsl:call-template name="text"><xsl:with-param name="f" select="$e/field[@name='title']"/><xsl:with-param name="required" select="1"/></xsl:call-template>
      <div class="row">
        <label for="f-issuer">发布机构 <span class="req">（必填）</span></label>
        <xsl:choose>
          <xsl:when test="$e/bodies">
            <select id="f-issuer" name="issuer" required="required">
              <xsl:for-each select="$e/bodies/body">
                <option value="{.}"><xsl:if test=". = $e/field[@name='issuer']"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if><xsl:value-of select="."/></option>
              </xsl:for-each>
            </select>
          </xsl:when>
          <xsl:otherwise><input id="f-issuer" name="issuer" type="text" required="required" value="{$e/field[@name='issuer']}"/></xsl:otherwise>
        </xsl:choose>
      </div>
      <xsl:call-template name="text"><xsl:with-param name="f" select="$e/field[@name='doc_number']"/></xsl:call-template>
      <xsl:call-template name="text"><xsl:with-param name="f" select="$e/field[@name='subject']"/></xsl:call-template>
      <div class="row">
        <label for="f-formed_on">成文日期 <span class="req">（必填）</span></label>
        <input id="f-formed_on" name="formed_on" type="date" required="required" value="{$e/field[@name='formed_on']}"/>
      </div>
      <div class="row">
        <label for="f-validity">公文时效</label>
        <select id="f-validity" name="validity">
          <option value="有效"><xsl:if test="$e/field[@name='validity'] = '有效'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>有效</option>
          <option value="失效"><xsl:if test="$e/field[@name='validity'] = '失效'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>失效</option>
          <option value="废止"><xsl:if test="$e/field[@name='validity'] = '废止'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>废止</option>
        </select>
      </div>
      <div class="row">
        <label for="f-decision_kind">决定类型</label>
        <select id="f-decision_kind" name="decision_kind">
          <option value="general">一般信息（20个工作日内公开）</option>
          <option value="licensing-penalty"><xsl:if test="$e/field[@name='decision_kind'] = 'licensing-penalty'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>行政许可、行政处罚决定（7个工作日内公开）</option>
        </select>
      </div>
      <div class="row">
        <label for="f-changed_on">变更日期</label>
        <input id="f-changed_on" name="changed_on" type="date" value="{$e/field[@name='changed_on']}"/>
        <span class="meta">信息变更的，自变更之日起重新计算公开时限。</span>
      </div>
      <div class="row">
        <label for="f-document_kind">文件类型（年度报告统计）</label>
        <select id="f-document_kind" name="document_kind">
          <xsl:variable name="dk" select="$e/field[@name='document_kind']"/>
          <option value="other">其他信息</option>
          <option value="rule"><xsl:if test="$dk = 'rule'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>规章</option>
          <option value="normative"><xsl:if test="$dk = 'normative'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>行政规范性文件</option>
          <option value="licensing"><xsl:if test="$dk = 'licensing'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>行政许可决定</option>
          <option value="penalty"><xsl:if test="$dk = 'penalty'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>行政处罚决定</option>
          <option value="enforcement"><xsl:if test="$dk = 'enforcement'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>行政强制决定</option>
        </select>
      </div>
      <div class="row">
        <label for="f-repealed_on">废止日期</label>
        <input id="f-repealed_on" name="repealed_on" type="date" value="{$e/field[@name='repealed_on']}"/>
      </div>
      <fieldset class="items">
        <legend>本类别应公开的内容</legend>
        <xsl:if test="not($e/category/item)"><p class="meta">本类别未列出具体内容项。</p></xsl:if>
        <xsl:for-each select="$e/category/item">
          <xsl:variable name="id" select="concat('f-item-', translate(@code, '.', '-'))"/>
          <div class="row">
            <label for="{$id}"><xsl:value-of select="@label"/>
              <xsl:if test="@code = $e/completeness/missing/@code"><span class="missing">（缺）</span></xsl:if>
            </label>
            <textarea id="{$id}" name="item.{@code}" rows="2"><xsl:value-of select="."/></textarea>
          </div>
        </xsl:for-each>
      </fieldset>
      <div class="row">
        <label for="f-body">正文 <span class="req">（必填）</span></label>
        <textarea id="f-body" name="body" rows="12" required="required"><xsl:value-of select="$e/field[@name='body']"/></textarea>
      </div>
      <xsl:if test="not($e/@id)">
        <!-- A new notice takes its attachments with it (a notice already saved uploads them below). -->
        <div class="row">
          <label for="f-attachments">附件（可选，可多选：PDF、OFD、Word、Excel、图片，单个不超过10MB）</label>
          <input id="f-attachments" name="attachments" type="file" multiple="multiple">
            <xsl:if test="$e/error/@field = 'attachments'"><xsl:attribute name="aria-invalid">true</xsl:attribute><xsl:attribute name="aria-describedby">form-error</xsl:attribute></xsl:if>
          </input>
        </div>
      </xsl:if>
      <div class="row">
        <label for="f-reason">发布原因（内容不全或超过时限时必填）</label>
        <textarea id="f-reason" name="reason" rows="2">
          <xsl:if test="$e/error/@field = 'reason'"><xsl:attribute name="aria-invalid">true</xsl:attribute><xsl:attribute name="aria-describedby">form-error</xsl:attribute></xsl:if>
          <xsl:choose>
            <xsl:when test="$e/typed-reason"><xsl:value-of select="$e/typed-reason"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="$e/published/@publish-note"/></xsl:otherwise>
          </xsl:choose>
        </textarea>
      </div>
      <div class="actions">
        <button type="submit" name="action" value="save" class="secondary">保存</button>
        <button type="submit" name="action" value="publish">发布</button>
      </div>
    </form>
    <xsl:if test="$e/@status = 'published'">
      <form method="post" action="{$action}" class="withdraw">
        <xsl:call-template name="csrf"/>
        <input type="hidden" name="action" value="withdraw"/>
        <xsl:if test="$e/@version"><input type="hidden" name="version" value="{$e/@version}"/></xsl:if>
        <label for="w-reason">撤回原因</label>
        <input id="w-reason" name="reason" type="text" maxlength="1000"/>
        <button type="submit" class="danger">撤回</button>
      </form>
    </xsl:if>
    <xsl:if test="$e/@id">
      <section aria-labelledby="att-h">
        <h2 id="att-h">附件</h2>
        <ul><xsl:for-each select="$e/attachments/attachment">
          <li><xsl:value-of select="@filename"/> <span class="meta">（<xsl:value-of select="@mime"/>，<xsl:value-of select="@size"/> 字节，SHA-256 <xsl:value-of select="substring(@sha256, 1, 12)"/>…）</span></li>
        </xsl:for-each></ul>
        <form method="post" action="{$action}/attachments" enctype="multipart/form-data">
          <xsl:call-template name="csrf"/>
          <label for="f-file">上传附件（PDF、OFD、Word、Excel、图片，单个不超过10MB）</label>
          <input id="f-file" name="file" type="file"/>
          <button type="submit" class="secondary">上传</button>
        </form>
      </section>
    </xsl:if>
    <xsl:if test="$e/pushes/push">
      <section aria-labelledby="push-h">
        <h2 id="push-h">推送至交易平台</h2>
        <div class="table-scroll" role="region" aria-label="推送记录" tabindex="0">
        <table class="list pushes">
          <thead><tr><th scope="col">变更时间</th><th scope="col">变更</th><th scope="col">平台</th><th scope="col">状态</th><th scope="col">尝试次数</th><th scope="col">最近结果</th></tr></thead>
          <tbody>
            <xsl:for-each select="$e/pushes/push">
              <tr class="push-{@status}">
                <td><xsl:value-of select="@changed-at"/></td>
                <td><xsl:choose>
                  <xsl:when test="@event = 'publish'">发布</xsl:when>
                  <xsl:when test="@event = 'update'">变更</xsl:when>
                  <xsl:otherwise>撤回</xsl:otherwise>
                </xsl:choose></td>
                <td><xsl:choose>
                  <xsl:when test="@endpoint"><xsl:value-of select="@endpoint"/>（<xsl:value-of select="@channel"/>）</xsl:when>
                  <xsl:otherwise>待分发</xsl:otherwise>
                </xsl:choose></td>
                <td><xsl:choose>
                  <xsl:when test="@status = 'sent'">已送达 <xsl:value-of select="@sent-at"/></xsl:when>
                  <xsl:when test="@attempts &gt; 0">未送达，<xsl:value-of select="@next-at"/> 重试</xsl:when>
                  <xsl:otherwise>等待发送</xsl:otherwise>
                </xsl:choose></td>
                <td><xsl:value-of select="@attempts"/></td>
                <td><xsl:if test="@last-status">HTTP <xsl:value-of select="@last-status"/></xsl:if><xsl:if test="@last-error"> <xsl:value-of select="@last-error"/></xsl:if></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
        </div>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:template name="text">
    <xsl:param name="f"/>
    <xsl:param name="required"/>
    <div class="row">
      <label for="f-{$f/@name}"><xsl:value-of select="$f/@label"/><xsl:if test="$required"> <span class="req">（必填）</span></xsl:if></label>
      <input id="f-{$f/@name}" name="{$f/@name}" type="text" value="{$f}">
        <xsl:if test="$required"><xsl:attribute name="required">required</xsl:attribute></xsl:if>
        <xsl:if test="/page/editor/error/@field = $f/@name"><xsl:attribute name="aria-invalid">true</xsl:attribute><xsl:attribute name="aria-describedby">form-error</xsl:attribute></xsl:if>
      </input>
    </div>
  </xsl:template>
</xsl:stylesheet>
