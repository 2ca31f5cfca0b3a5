<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="_admin.xsl"/>
  <xsl:template match="page" mode="title">依申请公开办理</xsl:template>
  <xsl:template match="page" mode="console">
    <xsl:variable name="q" select="queue"/>
    <h1>依申请公开办理</h1>
    <p class="actions">
      <a class="button" href="{$admin}requests/new">登记纸质、信函、传真或电子邮件申请</a>
      <xsl:text> </xsl:text><a class="button secondary" href="{$admin}reports/annual">年度报告统计表</a>
    </p>
    <nav class="filters" aria-label="常用筛选">
      <a href="{$admin}requests"><xsl:if test="not($q/@*[local-name() != 'may-assign'])"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>办理中（按答复期限）</a>
      <a href="{$admin}requests?flag=soon"><xsl:if test="$q/@flag = 'soon'"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>即将到期（5个工作日内）</a>
      <a href="{$admin}requests?flag=overdue"><xsl:if test="$q/@flag = 'overdue'"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>已逾期</a>
      <a href="{$admin}requests?scope=all"><xsl:if test="$q/@scope = 'all'"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>全部（含已办结）</a>
    </nav>
    <xsl:apply-templates select="batch"/>
    <xsl:if test="filter-error">
      <div class="form-error" role="alert" id="filter-error"><p>未能查找：<xsl:value-of select="filter-error"/>请修改后重新查找。</p></div>
    </xsl:if>
    <form method="get" action="{$admin}requests" class="queue-search">
      <fieldset>
        <legend>查找申请</legend>
        <p class="field wide">
          <label for="f-q">受理编号、申请人姓名或所需信息中的词语</label>
          <input id="f-q" name="q" type="search" maxlength="100" value="{$q/@q}"/>
        </p>
        <p class="field">
          <label for="f-body">办理机构</label>
          <select id="f-body" name="body">
            <option value="">全部</option>
            <xsl:for-each select="bodies/body">
              <option value="{@name}"><xsl:if test="@name = $q/@body"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if><xsl:value-of select="@name"/></option>
            </xsl:for-each>
          </select>
        </p>
        <xsl:for-each select="choices">
          <p class="field">
            <label for="f-{@name}"><xsl:choose><xsl:when test="@name = 'status'">状态</xsl:when><xsl:otherwise>申请方式</xsl:otherwise></xsl:choose></label>
            <xsl:variable name="now" select="$q/@*[local-name() = current()/@name]"/>
            <select id="f-{@name}" name="{@name}">
              <option value="">全部</option>
              <xsl:for-each select="choice">
                <option value="{@code}"><xsl:if test="@code = $now"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if><xsl:value-of select="."/></option>
              </xsl:for-each>
            </select>
          </p>
        </xsl:for-each>
        <p class="field">
          <label for="f-received_from">收到日期起</label>
          <input id="f-received_from" name="received_from" type="date" value="{$q/@received_from}"/>
        </p>
        <p class="field">
          <label for="f-received_to">收到日期止</label>
          <input id="f-received_to" name="received_to" type="date" value="{$q/@received_to}"/>
        </p>
        <p class="field">
          <label for="f-due_from">答复期限起</label>
          <input id="f-due_from" name="due_from" type="date" value="{$q/@due_from}"/>
        </p>
        <p class="field">
          <label for="f-due_to">答复期限止</label>
          <input id="f-due_to" name="due_to" type="date" value="{$q/@due_to}"/>
        </p>
        <p class="field">
          <label for="f-scope">范围</label>
          <select id="f-scope" name="scope">
            <option value="">办理中</option>
            <option value="all"><xsl:if test="$q/@scope = 'all'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>全部（含已办结）</option>
          </select>
        </p>
        <xsl:if test="$q/@flag"><input type="hidden" name="flag" value="{$q/@flag}"/></xsl:if>
        <p class="field submit"><button type="submit">查找</button></p>
      </fieldset>
    </form>
    <xsl:if test="not(filter-error)"><!-- refused filters list nothing to export -->
      <xsl:variable name="filters">
        <xsl:for-each select="$q/@*[local-name() != 'may-assign']">
          <xsl:value-of select="concat(substring('?&amp;', 1 + (position() != 1), 1), local-name(), '=')"/>
          <xsl:call-template name="url-encode"><xsl:with-param name="s" select="."/></xsl:call-template>
        </xsl:for-each>
      </xsl:variable>
      <p class="export">
        <xsl:text>导出当前结果：</xsl:text>
        <a href="{$admin}requests.csv{$filters}" download="">CSV</a>
        <xsl:text> · </xsl:text>
        <a href="{$admin}requests.xlsx{$filters}" download="">Excel（XLSX）</a>
      </p>
    </xsl:if>
    <form method="post" action="{$admin}requests/assign" id="batch">
      <xsl:call-template name="csrf"/>
      <div>
        <table class="list queue">
          <caption class="visually-hidden">申请列表</caption>
          <thead>
            <tr>
              <xsl:if test="$q/@may-assign"><th scope="col"><span class="visually-hidden">选择</span></th></xsl:if>
              <th scope="col">受理编号</th><th scope="col">申请人</th><th scope="col">所需信息</th><th scope="col">状态</th><th scope="col">收到日期</th><th scope="col">答复期限</th><th scope="col">办理机构</th>
            </tr>
          </thead>
          <tbody>
            <xsl:for-each select="$q/request">
              <tr class="flag-{@flag}">
                <xsl:if test="$q/@may-assign">
                  <td><input type="checkbox" name="id" value="{@id}" id="pick-{@id}" aria-label="选择 {@tracking-no}"/></td>
                </xsl:if>
                <td data-label="受理编号"><a href="{$admin}requests/{@id}"><xsl:value-of select="@tracking-no"/></a></td>
                <td data-label="申请人"><xsl:value-of select="@name"/><xsl:text> </xsl:text><span class="meta"><xsl:value-of select="@phone"/></span></td>
                <td data-label="所需信息"><xsl:value-of select="@description"/></td>
                <td data-label="状态"><xsl:value-of select="@status-label"/></td>
                <td data-label="收到日期"><xsl:value-of select="@received-on"/></td>
                <td data-label="答复期限">
                  <xsl:choose>
                    <xsl:when test="@clock = 'stopped'">计时中止（待补正）</xsl:when>
                    <xsl:when test="@clock = 'paused'"><xsl:value-of select="@due-on"/></xsl:when>
                    <xsl:otherwise>
                      <xsl:value-of select="@due-on"/>
                      <xsl:if test="@provisional = '1'">（暂定）</xsl:if>
                      <xsl:if test="@flag = 'overdue'"> <strong class="warn flag">已逾期</strong></xsl:if>
                      <xsl:if test="@flag = 'soon'"> <strong class="soon flag">剩<xsl:value-of select="@days-left"/>个工作日</strong></xsl:if>
                    </xsl:otherwise>
                  </xsl:choose>
                </td>
                <td data-label="办理机构"><xsl:value-of select="@body"/></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </div>
      <xsl:if test="not($q/request)"><p class="empty">没有符合条件的申请。</p></xsl:if>
      <xsl:if test="$q/@may-assign and $q/request">
        <p class="batch-assign">
          <label for="batch-body">将选中的申请交由</label>
          <select id="batch-body" name="body" required="required">
            <option value="">请选择机关</option>
            <xsl:for-each select="bodies/body"><option value="{@name}"><xsl:value-of select="@name"/></option></xsl:for-each>
          </select>
          <button type="submit">批量分配</button>
        </p>
      </xsl:if>
    </form>
    <form method="post" action="{$admin}ical" class="inline">
      <xsl:call-template name="csrf"/>
      <button type="submit" class="secondary">生成日历订阅链接（iCal）</button>
    </form>
  </xsl:template>

  <xsl:template match="batch">
    <section class="message batch" role="status" aria-label="批量分配结果">
      <p>已交由<xsl:value-of select="@body"/>办理 <xsl:value-of select="@assigned"/> 件<xsl:if test="@refused &gt; 0">，<xsl:value-of select="@refused"/> 件未能分配</xsl:if>。</p>
      <xsl:if test="refused">
        <ul>
          <xsl:for-each select="refused">
            <li><xsl:value-of select="@tracking-no"/><xsl:if test="not(@tracking-no)">申请 <xsl:value-of select="@id"/></xsl:if>：<xsl:value-of select="@reason"/></li>
          </xsl:for-each>
        </ul>
      </xsl:if>
    </section>
  </xsl:template>

  <!-- Percent-encodes a filter's value for the export links (UTF-8 bytes are left to the
       browser, which encodes them; only the characters that would end or split a value). Each
       call takes half the string, so the templates nest as deep as its length's logarithm: a
       call per character went past libxslt's 3,000 nested templates on a long value. -->
  <xsl:template name="url-encode">
    <xsl:param name="s"/>
    <xsl:variable name="n" select="string-length($s)"/>
    <xsl:choose>
      <xsl:when test="$n &gt; 1">
        <xsl:variable name="half" select="floor($n div 2)"/>
        <xsl:call-template name="url-encode"><xsl:with-param name="s" select="substring($s, 1, $half)"/></xsl:call-template>
        <xsl:call-template name="url-encode"><xsl:with-param name="s" select="substring($s, $half + 1)"/></xsl:call-template>
      </xsl:when>
      <xsl:when test="$s = '&amp;'">%26</xsl:when>
      <xsl:when test="$s = '#'">%23</xsl:when>
      <xsl:when test="$s = '+'">%2B</xsl:when>
      <xsl:when test="$s = '%'">%25</xsl:when>
      <xsl:when test="$s = ' '">%20</xsl:when>
      <xsl:when test="$s = '='">%3D</xsl:when>
      <xsl:when test="$s = '?'">%3F</xsl:when>
      <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
