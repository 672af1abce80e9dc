// Word lists for plausible Chinese B2B demo data. Pinyin rides along where we need ASCII
// (e-mail addresses, web domains). Administrative division codes feed the credit codes.

export type BigRegion = '华东' | '华北' | '华南' | '华中' | '西南' | '西北' | '东北';

export interface City {
  name: string;
  province: string;
  region: BigRegion;
  /** 6-digit administrative division code (GB/T 2260), positions 3–8 of a credit code. */
  division: string;
  districts: readonly string[];
  weight: number;
}

const city = (name: string, province: string, region: BigRegion, division: string, weight: number, districts: string): City => ({
  name,
  province,
  region,
  division,
  weight,
  districts: districts.split(' '),
});

export const CITIES: readonly City[] = [
  city('上海', '上海市', '华东', '310000', 10, '浦东新区 黄浦区 徐汇区 长宁区 静安区 闵行区 嘉定区 松江区'),
  city('南京', '江苏省', '华东', '320100', 5, '玄武区 秦淮区 建邺区 鼓楼区 江宁区 栖霞区'),
  city('苏州', '江苏省', '华东', '320500', 5, '姑苏区 吴中区 相城区 工业园区 虎丘区 昆山市'),
  city('无锡', '江苏省', '华东', '320200', 3, '梁溪区 滨湖区 新吴区 锡山区 江阴市'),
  city('杭州', '浙江省', '华东', '330100', 6, '上城区 拱墅区 西湖区 滨江区 萧山区 余杭区'),
  city('宁波', '浙江省', '华东', '330200', 3, '海曙区 江北区 鄞州区 北仑区 镇海区'),
  city('合肥', '安徽省', '华东', '340100', 3, '蜀山区 包河区 庐阳区 瑶海区 高新区'),
  city('福州', '福建省', '华东', '350100', 2, '鼓楼区 台江区 仓山区 晋安区 马尾区'),
  city('厦门', '福建省', '华东', '350200', 2, '思明区 湖里区 集美区 海沧区 同安区'),
  city('南昌', '江西省', '华东', '360100', 2, '东湖区 西湖区 青山湖区 红谷滩区'),
  city('济南', '山东省', '华东', '370100', 3, '历下区 市中区 槐荫区 天桥区 历城区'),
  city('青岛', '山东省', '华东', '370200', 3, '市南区 市北区 黄岛区 崂山区 城阳区'),
  city('北京', '北京市', '华北', '110000', 10, '东城区 西城区 朝阳区 海淀区 丰台区 石景山区 通州区 昌平区'),
  city('天津', '天津市', '华北', '120000', 4, '和平区 河西区 南开区 滨海新区 西青区'),
  city('石家庄', '河北省', '华北', '130100', 2, '长安区 桥西区 新华区 裕华区'),
  city('太原', '山西省', '华北', '140100', 2, '小店区 迎泽区 杏花岭区 万柏林区'),
  city('呼和浩特', '内蒙古自治区', '华北', '150100', 1, '新城区 回民区 赛罕区'),
  city('沈阳', '辽宁省', '东北', '210100', 2, '和平区 沈河区 铁西区 皇姑区 浑南区'),
  city('大连', '辽宁省', '东北', '210200', 2, '中山区 西岗区 沙河口区 甘井子区 金州区'),
  city('长春', '吉林省', '东北', '220100', 2, '朝阳区 南关区 宽城区 绿园区'),
  city('哈尔滨', '黑龙江省', '东北', '230100', 2, '道里区 南岗区 香坊区 松北区'),
  city('郑州', '河南省', '华中', '410100', 3, '金水区 中原区 二七区 管城区 郑东新区'),
  city('武汉', '湖北省', '华中', '420100', 4, '江岸区 江汉区 武昌区 洪山区 东湖高新区'),
  city('长沙', '湖南省', '华中', '430100', 3, '芙蓉区 天心区 岳麓区 开福区 雨花区'),
  city('广州', '广东省', '华南', '440100', 8, '天河区 越秀区 海珠区 荔湾区 白云区 黄埔区 番禺区'),
  city('深圳', '广东省', '华南', '440300', 8, '福田区 罗湖区 南山区 宝安区 龙岗区 龙华区'),
  city('东莞', '广东省', '华南', '441900', 3, '南城街道 东城街道 松山湖 长安镇 虎门镇'),
  city('佛山', '广东省', '华南', '440600', 3, '禅城区 南海区 顺德区 三水区'),
  city('南宁', '广西壮族自治区', '华南', '450100', 2, '青秀区 兴宁区 江南区 西乡塘区'),
  city('海口', '海南省', '华南', '460100', 1, '龙华区 美兰区 秀英区'),
  city('重庆', '重庆市', '西南', '500000', 4, '渝中区 江北区 南岸区 九龙坡区 渝北区'),
  city('成都', '四川省', '西南', '510100', 5, '锦江区 青羊区 武侯区 成华区 高新区 双流区'),
  city('贵阳', '贵州省', '西南', '520100', 2, '南明区 云岩区 观山湖区 花溪区'),
  city('昆明', '云南省', '西南', '530100', 2, '五华区 盘龙区 官渡区 西山区'),
  city('西安', '陕西省', '西北', '610100', 4, '雁塔区 碑林区 新城区 未央区 长安区'),
  city('兰州', '甘肃省', '西北', '620100', 1, '城关区 七里河区 安宁区'),
  city('银川', '宁夏回族自治区', '西北', '640100', 1, '兴庆区 金凤区 西夏区'),
  city('乌鲁木齐', '新疆维吾尔自治区', '西北', '650100', 1, '天山区 沙依巴克区 新市区 水磨沟区'),
];

/** 字号 syllables with pinyin: two of them make a brand such as 华信 (huaxin). */
export const BRAND_SYLLABLES: readonly (readonly [string, string])[] = (
  '华hua 信xin 通tong 瑞rui 恒heng 达da 宏hong 泰tai 中zhong 兴xing 博bo 新xin 创chuang 远yuan 安an 科ke 明ming ' +
  '金jin 海hai 天tian 宇yu 德de 嘉jia 盛sheng 鑫xin 汇hui 联lian 弘hong 立li 正zheng 和he 康kang 美mei 佳jia ' +
  '腾teng 飞fei 智zhi 源yuan 润run 丰feng 凯kai 航hang 晟sheng 卓zhuo 越yue 浩hao 志zhi 鼎ding 启qi 元yuan 星xing ' +
  '光guang 辰chen 昊hao 聚ju 云yun 睿rui 锦jin 顺shun 万wan 广guang 东dong 长chang 永yong 隆long 峰feng 蓝lan ' +
  '青qing 优you 力li 同tong 宝bao 鸿hong 振zhen 捷jie 迅xun 亿yi 富fu 银yin 威wei 拓tuo 骏jun 赛sai'
)
  .split(' ')
  .map((s) => [s.slice(0, 1), s.slice(1)] as const);

export type Industry = '电信' | '制造' | '能源' | '金融' | '政府' | '医疗' | '教育' | '物流' | '零售' | '软件' | '建筑' | '传媒';

/** Share of the customer base, and the business words that go into company names. */
export const INDUSTRIES: readonly { name: Industry; weight: number; words: readonly string[] }[] = [
  { name: '制造', weight: 20, words: ['机械制造', '精密机械', '重工', '汽车零部件', '电子', '电气', '新材料', '装备制造', '模具', '化工', '纺织', '仪器仪表', '智能装备'] },
  { name: '软件', weight: 12, words: ['软件', '信息技术', '数据科技', '智能科技', '网络技术', '云计算', '人工智能', '数字科技'] },
  { name: '零售', weight: 11, words: ['商贸', '百货', '连锁超市', '电子商务', '贸易', '商业管理', '食品'] },
  { name: '物流', weight: 9, words: ['物流', '供应链管理', '国际货运代理', '冷链物流', '运输', '仓储服务'] },
  { name: '电信', weight: 8, words: ['通信技术', '通信工程', '网络科技', '信息通信', '通信设备', '光通信'] },
  { name: '能源', weight: 8, words: ['能源', '电力', '新能源', '石化', '燃气', '光伏', '储能科技', '热电'] },
  { name: '金融', weight: 7, words: ['投资', '融资租赁', '金融服务', '资产管理', '商业保理', '融资担保'] },
  { name: '医疗', weight: 7, words: ['医疗器械', '医药', '生物医药', '医疗科技', '健康产业', '制药'] },
  { name: '建筑', weight: 6, words: ['建设工程', '建筑工程', '市政工程', '建材', '工程咨询', '装饰工程'] },
  { name: '教育', weight: 5, words: ['教育科技', '教育咨询', '文化教育', '职业培训'] },
  { name: '政府', weight: 4, words: [] },
  { name: '传媒', weight: 3, words: ['传媒', '文化传播', '广告', '影视文化', '出版'] },
];

export const COMPANY_SUFFIXES: readonly (readonly [string, number])[] = [
  ['有限公司', 62],
  ['股份有限公司', 26],
  ['有限责任公司', 12],
];

export const GOVERNMENT_BODIES = [
  '大数据管理局', '交通运输局', '公安局', '教育局', '卫生健康委员会', '财政局', '税务局', '市场监督管理局', '应急管理局',
  '生态环境局', '住房和城乡建设局', '人力资源和社会保障局', '政务服务管理办公室', '水务局', '自然资源和规划局', '商务局',
] as const;

export const HOSPITAL_FORMS = ['人民医院', '中心医院', '中医院', '妇幼保健院', '口腔医院', '肿瘤医院'] as const;
export const SCHOOL_FORMS = ['职业技术学院', '理工学院', '外国语学校', '实验中学', '科技学院'] as const;
export const GROUP_WORDS = ['控股', '实业', '投资', '产业'] as const;

export const SURNAMES: readonly (readonly [string, string])[] = (
  '王wang 李li 张zhang 刘liu 陈chen 杨yang 黄huang 赵zhao 吴wu 周zhou 徐xu 孙sun 马ma 朱zhu 胡hu 郭guo 何he 高gao ' +
  '林lin 罗luo 郑zheng 梁liang 谢xie 宋song 唐tang 许xu 韩han 冯feng 邓deng 曹cao 彭peng 曾zeng 肖xiao 田tian ' +
  '董dong 袁yuan 潘pan 于yu 蒋jiang 蔡cai 余yu 杜du 叶ye 程cheng 苏su 魏wei 吕lv 丁ding 任ren 沈shen 姚yao 卢lu ' +
  '姜jiang 崔cui 钟zhong 谭tan 陆lu 汪wang 范fan 金jin 石shi 廖liao 贾jia 夏xia 韦wei 付fu 方fang 白bai 邹zou ' +
  '孟meng 熊xiong 秦qin 邱qiu 江jiang 尹yin 薛xue 闫yan 段duan 雷lei 侯hou 龙long 史shi 陶tao 黎li 贺he 顾gu ' +
  '毛mao 郝hao 龚gong 邵shao 钱qian 严yan 武wu 戴dai 莫mo 孔kong 向xiang 汤tang'
)
  .split(' ')
  .map((s) => [s.slice(0, 1), s.slice(1)] as const);

export const GIVEN_CHARS: readonly (readonly [string, string])[] = (
  '伟wei 芳fang 娜na 敏min 静jing 丽li 强qiang 磊lei 军jun 洋yang 勇yong 艳yan 杰jie 娟juan 涛tao 明ming 超chao ' +
  '秀xiu 霞xia 平ping 刚gang 英ying 华hua 建jian 文wen 辉hui 玲ling 斌bin 波bo 宇yu 浩hao 凯kai 鹏peng 俊jun ' +
  '帆fan 晨chen 欣xin 怡yi 婷ting 雪xue 琳lin 颖ying 倩qian 佳jia 嘉jia 子zi 梓zi 轩xuan 睿rui 思si 雨yu 博bo ' +
  '志zhi 国guo 海hai 峰feng 晓xiao 春chun 红hong 云yun 亮liang 新xin 永yong 德de 东dong 林lin 成cheng 立li 慧hui'
)
  .split(' ')
  .map((s) => [s.slice(0, 1), s.slice(1)] as const);

export const DEPARTMENTS = [
  '信息中心', '信息技术部', '采购部', '财务部', '市场部', '运营部', '生产部', '技术部', '研发中心', '行政部',
  '人力资源部', '法务部', '质量管理部', '供应链管理部', '客户服务部', '战略发展部',
] as const;

/** Titles by level; the department, when given, goes with the title. */
export const TITLES: Record<'executive' | 'middle' | 'operational', readonly (readonly [string, string])[]> = {
  executive: [
    ['董事长', '董事会'], ['总经理', '总经办'], ['副总经理', '总经办'], ['首席信息官', '信息中心'], ['首席技术官', '技术部'],
    ['首席财务官', '财务部'], ['总裁', '总经办'], ['副总裁', '总经办'], ['采购总监', '采购部'],
  ],
  middle: [
    ['部门经理', ''], ['主任', ''], ['总监', ''], ['项目经理', ''], ['高级经理', ''], ['副主任', ''],
  ],
  operational: [
    ['工程师', ''], ['专员', ''], ['主管', ''], ['会计', '财务部'], ['系统管理员', '信息中心'], ['采购专员', '采购部'], ['助理', ''],
  ],
};

export const GOVERNMENT_TITLES: Record<'executive' | 'middle' | 'operational', readonly (readonly [string, string])[]> = {
  executive: [['局长', '局领导'], ['副局长', '局领导'], ['主任', '领导班子']],
  middle: [['处长', '信息化处'], ['副处长', '规划财务处'], ['科长', '办公室'], ['处长', '综合处']],
  operational: [['科员', '办公室'], ['工作人员', '信息化处'], ['主任科员', '综合处']],
};

export const PREFERENCES = [
  '喜欢打高尔夫', '关注行业峰会', '偏好邮件沟通', '不喝酒', '喜欢茶叙', '喜欢篮球', '对技术细节很关注', '注重性价比',
  '周末不便联系', '喜欢羽毛球', '重视服务响应速度', '对新技术兴趣浓厚', '关注案例和参考客户', '偏好上午拜访',
] as const;

export const MOBILE_PREFIXES = ['130', '131', '132', '135', '136', '137', '138', '139', '150', '151', '152', '158', '159', '176', '177', '180', '181', '186', '187', '188', '189', '199'] as const;

export const STREETS = ['中山路', '人民路', '解放路', '建设路', '科技路', '创业大道', '长江路', '高新大道', '滨江大道', '世纪大道', '和平路', '文化路', '工业园路', '金融街'] as const;

export const LOST_REASONS = ['价格因素，转向低价供应商', '被竞争对手替代', '客户业务收缩', '服务响应不满意', '客户被并购，采购集中到母公司', '项目预算取消'] as const;

export const NEEDS: readonly (readonly [string, string])[] = [
  ['降低IT运维成本', '希望通过外包与自动化把运维成本降低两成'],
  ['满足等保2.0合规要求', '年内需通过网络安全等级保护三级测评'],
  ['建设统一客户数据平台', '各业务系统客户数据分散，希望打通'],
  ['多地分支机构专线互联', '新增分支机构需要稳定、安全的组网方案'],
  ['核心系统上云', '评估将ERP与CRM迁移到云上的方案与成本'],
  ['建设灾备中心', '要求RPO小于15分钟的异地灾备'],
  ['视频会议系统升级', '现有系统画质和稳定性不足，影响远程协作'],
  ['供应链可视化', '需要实时掌握库存与在途物资'],
  ['生产设备预测性维护', '希望通过物联网传感器减少非计划停机'],
  ['财务共享中心建设', '集团推动财务集中核算'],
  ['移动办公与安全接入', '员工需要在外安全访问内部系统'],
  ['能耗监测与节能改造', '响应双碳目标，降低单位产值能耗'],
  ['数据分析与经营驾驶舱', '管理层希望实时看到经营指标'],
  ['员工数字化技能培训', '配合系统上线开展全员培训'],
  ['海外业务网络支撑', '海外工厂需要与国内总部稳定互联'],
  ['智能客服', '客服热线压力大，希望引入智能应答'],
  ['采购成本优化', '希望通过集中采购和框架协议降低单价'],
  ['提升交付及时率', '项目交付经常延期，需要更好的项目管理'],
];

export const BUSINESS_PHRASES = [
  '近年业务增长较快，正在扩张产能', '业务总体平稳，利润率承压', '正在推进数字化转型', '面临原材料与人工成本上涨压力',
  '正在拓展海外市场', '新建生产基地即将投产', '受行业政策调整影响，正在调整业务结构', '集团化管控加强，采购逐步集中',
] as const;

export const GOVERNMENT_PHRASES = [
  '正在推进"一网通办"和数字政府建设', '承担本地区政务数据汇聚与共享任务', '年度信息化预算稳定，项目以公开招标为主',
  '上级部门要求年内完成系统国产化替代', '正在建设城市运行管理平台',
] as const;

export const TECH_GOALS = [
  '三年内完成核心系统上云', '建设企业级数据中台', '实现主要生产线自动化', '提升网络安全防护能力', '统一全国分支机构网络',
  '推进办公协同与移动化', '建设工业互联网平台', '引入人工智能提升客服效率',
] as const;

export const OUR_PRODUCTS = ['企业专线', 'SD-WAN组网', '云服务器', '视频会议', '物联网卡', '数据中心托管', '安全服务', '工业传感器', 'ERP实施服务'] as const;
export const PRODUCT_USAGE = ['覆盖总部及主要分支机构', '主要用于生产网络', '处于试用阶段', '已使用三年以上，续约意愿较强', '仅在部分部门使用'] as const;

export const DECISION_FLOWS = [
  '采购需求由信息中心提出，经总经理办公会审议，金额超过100万元需董事会批准',
  '由采购部组织招标，技术部负责技术评分，最终由分管副总拍板',
  '集团集中采购，子公司提出需求，集团采购中心决策',
  '项目由使用部门发起，财务部审核预算，总经理审批',
] as const;
export const GOVERNMENT_DECISION = '须按政府采购法公开招标，预算纳入下一财年，由局办公会决策';
